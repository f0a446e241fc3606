// A/AAAA records in public DNS that point at addresses nobody outside your network can reach,
// and that tell the world about your internal layout.
import { definePolicy } from "../define-policy.ts";
import { cidrContains, parseCidr, privateRangeOf } from "../net.ts";
import { recordResource } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface NoPrivateIpParams {
  /** CIDRs that are allowed anyway, e.g. 100.64.0.0/10 for a Tailscale-only name. */
  allow: string[];
}

export const noPrivateIpInPublicDns = definePolicy<NoPrivateIpParams>({
  id: "no-private-ip-in-public-dns",
  description: "A and AAAA records must not point at private, CGNAT, loopback, link-local or ULA addresses",
  level: "mandatory",
  remediation: "point the record at a public address, or publish the service through a tunnel instead",
  paramsSchema: {
    type: "object",
    properties: { allow: { type: "array", items: { type: "string" }, default: [] } },
    additionalProperties: false,
  },
  tightening: { allow: "subset" },
  checkState(desired, { params }) {
    const allowed = params.allow.map((text) => {
      const cidr = parseCidr(text);
      if (!cidr) throw new Error(`params.allow: "${text}" is not an address or CIDR`);
      return cidr;
    });
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const record of zone.dns ?? []) {
        if ((record.type !== "A" && record.type !== "AAAA") || !record.content) continue;
        const range = privateRangeOf(record.content);
        if (!range || allowed.some((cidr) => cidrContains(cidr, record.content!))) continue;
        findings.push({
          resource: recordResource(zone, record),
          message: `${record.fqdn} ${record.type} ${record.content} is a ${range} address in public DNS`,
          source: record.source,
        });
      }
    }
    return findings;
  },
});
