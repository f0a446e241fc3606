// Duplicate records (same identity), a CNAME that shares its name with any other record, and a
// delegated name (NS below the apex) that holds anything but its NS records and the DS records that
// sign the delegation. The API reference: "NS records cannot exist on the same name as any other
// record type"; Cloudflare's subdomain delegation guide adds the DS beside them.
import type { DnsRecordSpec } from "../spec.ts";
import type { ZoneRule } from "../../kind.ts";
import { contentKey, dnsRecordId } from "../identity.ts";
import { withArticle } from "../record-types.ts";

const delegationTypes = new Set(["NS", "DS"]);

export const uniquenessRule: ZoneRule = {
  name: "dns-uniqueness",
  check({ zone, locate }, report) {
    const seen = new Map<string, DnsRecordSpec>();
    const byName = new Map<string, DnsRecordSpec[]>();
    for (const record of zone.dns ?? []) {
      // the same identity as dnsRecordId, without building the id string for every record
      const key = `${record.fqdn} ${record.type} ${contentKey(record)}`;
      const first = seen.get(key);
      if (first) {
        report(
          { code: "dns-duplicate-record", message: `duplicate record ${dnsRecordId(zone.zone, record, true)}`, hint: `the same record is already declared at line ${first.source.line}; remove one` },
          locate(record),
        );
      } else seen.set(key, record);
      const list = byName.get(record.fqdn);
      if (list) list.push(record);
      else byName.set(record.fqdn, [record]);
    }
    for (const [fqdn, records] of byName) {
      const ns = records.find((record) => record.type === "NS");
      const intruders = ns && fqdn !== zone.zone ? records.filter((record) => !delegationTypes.has(record.type)) : [];
      for (const intruder of intruders) {
        report(
          {
            code: "dns-ns-not-alone",
            message: `${fqdn} is delegated (NS, line ${ns!.source.line}), so it holds only NS and DS records, but there is also ${withArticle(intruder.type)} record`,
            hint: "put the record in the child zone, or remove the delegation",
          },
          locate(intruder, "type"),
        );
      }
      const cname = records.find((record) => record.type === "CNAME");
      if (!cname || records.length < 2) continue;
      const other = records.find((record) => record !== cname && !(record.type === "CNAME" && dnsRecordId(zone.zone, record, true) === dnsRecordId(zone.zone, cname, true)));
      if (!other) continue;
      report(
        {
          code: "dns-cname-not-alone",
          message: `a CNAME must be the only record at ${fqdn}, but there is also ${withArticle(other.type)} record (line ${other.source.line})`,
          hint: "remove the other records at this name or replace the CNAME with A/AAAA records",
        },
        locate(cname, "type"),
      );
    }
  },
};
