// A tunnel exists so an origin needs no public address; a tunnel to a public host is a
// detour around that host's own protection, and usually a typo.
import { isIP } from "node:net";
import picomatch from "picomatch";
import { definePolicy } from "../define-policy.ts";
import { privateRangeOf } from "../net.ts";
import type { Finding } from "../types.ts";

export interface TunnelOriginParams {
  /** Hostname suffixes that only resolve inside your network. */
  private_suffixes: string[];
  /** Extra hostnames (globs) accepted as private, e.g. "nas" or "*.corp.example.com". */
  allow_hosts: string[];
}

/** cloudflared services that do not name a host. */
const hostlessSchemes = ["unix:", "unix+tls:", "http_status:", "hello_world", "bastion", "socks5"];

const originSchemes = ["http:", "https:", "tcp:", "ssh:", "rdp:", "smb:", "ws:", "wss:"];

function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    if (!originSchemes.includes(url.protocol) || url.hostname === "") return undefined;
    return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return undefined;
  }
}

export const tunnelOriginPrivate = definePolicy<TunnelOriginParams>({
  id: "tunnel-origin-private",
  description: "A tunnel service's origin is localhost, a private address, a local name or a unix socket",
  level: "mandatory",
  remediation: "point the origin at the service on the tunnel host's network (http://localhost:PORT, a private IP, unix:/path)",
  paramsSchema: {
    type: "object",
    properties: {
      private_suffixes: { type: "array", items: { type: "string" }, default: [".localhost", ".local", ".lan", ".internal", ".home.arpa", ".localdomain"] },
      allow_hosts: { type: "array", items: { type: "string" }, default: [] },
    },
    additionalProperties: false,
  },
  tightening: { private_suffixes: "subset", allow_hosts: "subset" },
  checkState(desired, { params }) {
    const allowed = picomatch(params.allow_hosts.length ? params.allow_hosts : ["\0"], { nocase: true, dot: true });
    const findings: Finding[] = [];
    for (const service of desired.services) {
      const origin = service.origin.trim();
      if (hostlessSchemes.some((prefix) => origin.startsWith(prefix))) continue;
      const host = originHost(origin);
      if (host !== undefined) {
        if (host === "localhost" || allowed(host)) continue;
        if (isIP(host) ? privateRangeOf(host) !== undefined : !host.includes(".")) continue;
        if (params.private_suffixes.some((suffix) => host.endsWith(suffix.startsWith(".") ? suffix : `.${suffix}`))) continue;
      }
      findings.push({
        resource: `services/${service.service}`,
        message: host === undefined
          ? `service ${service.service}: origin "${origin}" is not a URL (http, https, tcp, ssh, rdp, smb, ws, wss), unix socket or http_status`
          : `service ${service.service}: origin host ${host} is a public address or name`,
        source: service.source,
      });
    }
    return findings;
  },
});
