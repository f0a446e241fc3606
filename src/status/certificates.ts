// Certificate watch: a TLS handshake per hostname to read the served certificate's expiry.
import { connect, type PeerCertificate } from "node:tls";
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import { setCertificateExpiry, type Metrics } from "./metrics.ts";
import type { CertificateStatus } from "./model.ts";

export interface CertificateTarget {
  hostname: string;
  port?: number; // default 443
  /** Connect here instead of resolving the hostname (tests, split DNS); SNI still uses hostname. */
  address?: string;
}

export interface CheckOptions {
  timeoutMs?: number;
  now?: () => Date;
}

function describe(cert: PeerCertificate): string | undefined {
  const issuer = cert.issuer as Record<string, string | string[] | undefined> | undefined;
  const name = issuer?.O ?? issuer?.CN;
  return Array.isArray(name) ? name.join(", ") : name;
}

/** Never rejects: an unreachable host gives a status with `error`. Expired or untrusted certificates are still read. */
export function checkCertificate(target: CertificateTarget, options: CheckOptions = {}): Promise<CertificateStatus> {
  const port = target.port ?? 443;
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  const base = { hostname: target.hostname, ...(port === 443 ? {} : { port }), checkedAt };
  return new Promise((resolve) => {
    // rejectUnauthorized false: we only read the expiry; an expired or self-signed cert must still be reported.
    const socket = connect({ host: target.address ?? target.hostname, port, servername: target.hostname, rejectUnauthorized: false, timeout: options.timeoutMs ?? 10_000 });
    const finish = (status: CertificateStatus) => {
      socket.destroy();
      resolve(status);
    };
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      if (!cert?.valid_to) return finish({ ...base, error: "the server sent no certificate" });
      const issuer = describe(cert);
      finish({ ...base, validTo: new Date(cert.valid_to).toISOString(), ...(issuer ? { issuer } : {}) });
    });
    socket.once("timeout", () => finish({ ...base, error: `no TLS handshake within ${options.timeoutMs ?? 10_000} ms` }));
    socket.once("error", (error) => finish({ ...base, error: error.message }));
  });
}

/** Checks targets a few at a time and records each expiry in cfgitops_certificate_expiry_timestamp_seconds. */
export async function checkCertificates(targets: CertificateTarget[], metrics?: Metrics, options: CheckOptions & { concurrency?: number } = {}): Promise<CertificateStatus[]> {
  const results: CertificateStatus[] = new Array(targets.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < targets.length) {
      const index = next++;
      const status = await checkCertificate(targets[index]!, options);
      if (metrics && status.validTo) setCertificateExpiry(metrics, status.hostname, new Date(status.validTo));
      results[index] = status;
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, targets.length) }, worker));
  return results;
}

/** The stack's `certificates.hostnames`, else every proxied DNS name and tunnel hostname (wildcards skipped). */
export function certificateTargets(desired: DesiredState, stack: Pick<StackConfig, "certificates">): CertificateTarget[] {
  const config = stack.certificates;
  if (!config.enabled) return [];
  const port = config.port;
  const names = config.hostnames ?? [
    ...desired.zones.flatMap((zone) => (zone.dns ?? []).filter((record) => record.proxied).map((record) => record.fqdn)),
    ...desired.services.map((service) => service.hostname),
  ];
  return [...new Set(names.map((name) => name.toLowerCase()))].filter((name) => !name.startsWith("*")).sort().map((hostname) => ({ hostname, port }));
}
