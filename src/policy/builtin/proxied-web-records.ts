// Unproxied A/AAAA/CNAME records on web hostnames publish the origin's address, which lets
// attackers bypass Cloudflare's WAF and DDoS protection.
import picomatch from "picomatch";
import { toRelative } from "../../kinds/dns-record/identity.ts";
import { definePolicy } from "../define-policy.ts";
import { recordResource } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface ProxiedWebParams {
  /** Globs on the name relative to the zone ("@" = apex); matching names are not web hostnames. */
  exclude: string[];
  types: ("A" | "AAAA" | "CNAME")[];
}

export const defaultNonWebNames = [
  "_*", "*._*", "mail", "mail.*", "mx", "mx*", "smtp", "smtp*", "imap", "imap*", "pop", "pop3", "webmail",
  "autodiscover", "autoconfig", "ftp", "sftp", "ssh", "vpn", "wg", "ns", "ns[0-9]*", "dkim", "*._domainkey",
  "sip", "sip.*", "turn", "stun", "xmpp", "mqtt",
];

export const proxiedWebRecords = definePolicy<ProxiedWebParams>({
  id: "proxied-web-records",
  description: "A, AAAA and CNAME records on web hostnames must be proxied so the origin address stays private",
  level: "advisory",
  remediation: "set proxied: true, or exempt the record (or add its name to params.exclude) if it is not served over HTTP(S)",
  paramsSchema: {
    type: "object",
    properties: {
      exclude: { type: "array", items: { type: "string" }, default: defaultNonWebNames },
      types: { type: "array", items: { enum: ["A", "AAAA", "CNAME"] }, default: ["A", "AAAA", "CNAME"] },
    },
    additionalProperties: false,
  },
  tightening: { exclude: "subset", types: "superset" },
  checkState(desired, { params }) {
    const isExcluded = picomatch(params.exclude, { dot: true, nocase: true });
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const record of zone.dns ?? []) {
        if (record.proxied || !(params.types as string[]).includes(record.type)) continue;
        const relative = toRelative(record.fqdn, zone.zone);
        if (isExcluded(relative)) continue;
        findings.push({
          resource: recordResource(zone, record),
          message: `${record.fqdn} ${record.type} is not proxied, so ${record.content ?? "its target"} is visible to anyone`,
          source: record.source,
        });
      }
    }
    return findings;
  },
});
