// A name that receives mail without SPF and DMARC is easy to spoof, and receivers junk its mail.
import { toRelative } from "../../kinds/dns-record/identity.ts";
import type { ZoneSpec } from "../../desired-state/types.ts";
import type { DnsRecordSpec } from "../../kinds/dns-record/spec.ts";
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export interface SpfDmarcParams {
  require: ("spf" | "dmarc")[];
}

function txtAt(zone: ZoneSpec, fqdn: string, prefix: RegExp): DnsRecordSpec | undefined {
  return zone.dns?.find((r) => r.type === "TXT" && r.fqdn === fqdn && prefix.test((r.content ?? "").trim()));
}

function isNullMx(record: DnsRecordSpec): boolean {
  return (record.content ?? "").trim().replace(/\.$/, "") === "";
}

export const spfDmarcForMail = definePolicy<SpfDmarcParams>({
  id: "spf-dmarc-for-mail",
  description: "A name with MX records needs an SPF TXT record, and its zone a _dmarc TXT record",
  level: "advisory",
  remediation: 'add a TXT record "v=spf1 ... -all" at the mail name and "v=DMARC1; p=quarantine; ..." at _dmarc',
  paramsSchema: {
    type: "object",
    properties: { require: { type: "array", items: { enum: ["spf", "dmarc"] }, uniqueItems: true, default: ["spf", "dmarc"] } },
    additionalProperties: false,
  },
  tightening: { require: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      const mailNames = new Map<string, DnsRecordSpec>();
      for (const record of zone.dns ?? []) {
        if (record.type === "MX" && !isNullMx(record) && !mailNames.has(record.fqdn)) mailNames.set(record.fqdn, record);
      }
      for (const [fqdn, mx] of mailNames) {
        const relative = toRelative(fqdn, zone.zone);
        if (params.require.includes("spf") && !txtAt(zone, fqdn, /^v=spf1(\s|$)/i)) {
          findings.push({
            resource: `${zone.zone}/dns/${relative}/TXT`,
            message: `${fqdn} receives mail (MX ${mx.content ?? ""}) but has no SPF record (TXT "v=spf1 ...")`,
            remediation: `add { name: "${relative}", type: TXT, content: "v=spf1 mx -all" } (adjust to your senders)`,
            source: mx.source,
          });
        }
        const dmarc = /^v=DMARC1(\s*;|$)/i;
        if (params.require.includes("dmarc") && !txtAt(zone, `_dmarc.${fqdn}`, dmarc) && !txtAt(zone, `_dmarc.${zone.zone}`, dmarc)) {
          findings.push({
            resource: `${zone.zone}/dns/_dmarc/TXT`,
            message: fqdn === zone.zone
              ? `${fqdn} receives mail but _dmarc.${fqdn} has no DMARC record`
              : `${fqdn} receives mail but neither _dmarc.${fqdn} nor _dmarc.${zone.zone} has a DMARC record`,
            remediation: `add { name: "_dmarc", type: TXT, content: "v=DMARC1; p=quarantine" }`,
            source: mx.source,
          });
        }
      }
    }
    return findings;
  },
});
