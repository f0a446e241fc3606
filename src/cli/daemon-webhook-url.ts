// The line `cf-gitops daemon` prints about the GitHub webhook: the URL to give GitHub, or why GitHub
// cannot reach the daemon as it listens (issue 23: the README's daemon listened on 127.0.0.1 while
// telling people to add http://<pi>:8080/webhooks/github).
import { networkInterfaces } from "node:os";

const loopback = new Set(["127.0.0.1", "::1", "localhost"]);
const anyAddress = new Set(["0.0.0.0", "::"]);

/** This machine's first non-internal IPv4 address (what a LAN reaches it at), if it has one. */
export function lanAddress(interfaces = networkInterfaces()): string | undefined {
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) if (entry.family === "IPv4" && !entry.internal) return entry.address;
  }
  return undefined;
}

export interface WebhookUrlInput {
  host: string;
  port: number;
  /** CFGITOPS_WEBHOOK_SECRET is set (else the route answers 503). */
  secret: boolean;
  /** CFGITOPS_PUBLIC_URL: where GitHub reaches the daemon through a tunnel, proxy or port forward. */
  publicUrl?: string | undefined;
  lan?: string | undefined;
}

/** The lines to print under "status page:" and "metrics:". */
export function webhookLines(input: WebhookUrlInput): string[] {
  const route = "/webhooks/github";
  if (!input.secret) return [`webhook:     off (set CFGITOPS_WEBHOOK_SECRET to take GitHub push events); polling for new commits instead`];
  if (input.publicUrl) return [`webhook:     ${input.publicUrl.replace(/\/+$/, "")}${route}  (CFGITOPS_PUBLIC_URL; add it on GitHub: push events, application/json, the same secret)`];
  if (loopback.has(input.host)) {
    return [
      `webhook:     http://${input.host}:${input.port}${route} is reachable from this machine only (--host ${input.host}), so GitHub cannot deliver to it;`,
      `             start with --host 0.0.0.0 and give GitHub an address it can reach, or rely on polling`,
    ];
  }
  const host = anyAddress.has(input.host) ? (input.lan ?? "<this machine's address>") : input.host.includes(":") ? `[${input.host}]` : input.host;
  return [
    `webhook:     http://${host}:${input.port}${route}  (add it on GitHub: push events, application/json, the same secret)`,
    `             GitHub must reach that address from the internet: forward the port, or publish it through a tunnel and set CFGITOPS_PUBLIC_URL`,
  ];
}
