// CAA records limit which certificate authorities may issue for the zone (RFC 8659).
import type { DnsRecordSpec } from "../../kinds/dns-record/spec.ts";
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export interface CaaParams {
  /** CAs (issuer domains) that must be authorised by an `issue` record, e.g. letsencrypt.org. */
  issuers: string[];
}

function caaFields(record: DnsRecordSpec): { tag: string; value: string } {
  if (record.data) return { tag: String(record.data.tag ?? "").toLowerCase(), value: String(record.data.value ?? "") };
  const match = /^\s*\d+\s+(\S+)\s+"?([^"]*)"?\s*$/.exec(record.content ?? "");
  return { tag: (match?.[1] ?? "").toLowerCase(), value: match?.[2] ?? "" };
}

export const caaPresent = definePolicy<CaaParams>({
  id: "caa-present",
  description: "Each zone whose DNS is managed has a CAA record at the apex naming the CAs allowed to issue",
  level: "advisory",
  remediation: 'add { name: "@", type: CAA, data: { flags: 0, tag: issue, value: letsencrypt.org } } for each CA you use',
  paramsSchema: {
    type: "object",
    properties: { issuers: { type: "array", items: { type: "string" }, default: [] } },
    additionalProperties: false,
  },
  tightening: { issuers: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      if (zone.dns === undefined) continue;
      const caa = zone.dns.filter((r) => r.type === "CAA" && r.fqdn === zone.zone).map(caaFields);
      const issue = caa.filter((f) => f.tag === "issue" || f.tag === "issuewild");
      if (issue.length === 0) {
        findings.push({ resource: `${zone.zone}/dns/@/CAA`, message: `${zone.zone} has no CAA issue record at the apex`, source: zone.source });
        continue;
      }
      const authorised = new Set(issue.map((f) => f.value.split(";")[0]!.trim().toLowerCase()));
      for (const issuer of params.issuers) {
        if (authorised.has(issuer.toLowerCase())) continue;
        findings.push({
          resource: `${zone.zone}/dns/@/CAA`,
          message: `${zone.zone}'s CAA records do not authorise ${issuer}`,
          remediation: `add { name: "@", type: CAA, data: { flags: 0, tag: issue, value: ${issuer} } }`,
          source: zone.source,
        });
      }
    }
    return findings;
  },
});
