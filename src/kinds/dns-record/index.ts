// DNS records: the `dns:` and `ignore:` keys of a zone file.
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandDns, ownsDnsRecord } from "./expand.ts";
import { dnsStateRules, dnsZoneRules } from "./rules.ts";
import { dnsRecordSchema } from "./schema.ts";
import { dnsPlacement, dnsRecordKindId } from "./spec.ts";

export const dnsRecordKind: KindDefinition<typeof dnsRecordKindId, ZonePlacement> = {
  id: dnsRecordKindId,
  title: "DNS record",
  plural: "DNS records",
  placement: dnsPlacement,
  schema: dnsRecordSchema,
  zoneRules: dnsZoneRules,
  stateRules: dnsStateRules,
  expand: (state, _ctx, out) => expandDns(state, out),
  owns: ownsDnsRecord,
  applyOrder: 2,
  permissions: [{ scope: "Zone", group: "DNS" }],
  docs: {
    model: "records",
    what: "DNS records of the zone (`ignore:` leaves names alone)",
    owns: [
      ["`dns:`", "every record of the zone", "names matching `ignore:` (glob on the relative name, optional type), records Cloudflare marks read-only"],
      ["(no `dns:`)", "only tunnel services' CNAMEs", "every record"],
    ],
    pulumi: [["DNS record", "`cloudflare.DnsRecord`", "the change id: `example.com/dns/www/A` when alone at its name and type, `example.com/dns/www/A/203.0.113.10` among several"]],
    ids: [["DNS record", "`example.com/dns/<name or @>/<TYPE>`, and `/<content>` after it where several records share the name and type (round-robin A, several TXT or MX)"]],
    calls: "DNS records, the batch endpoint",
    importNone: "no `dns:` key (an empty list would claim the zone's records, so records made elsewhere would be deleted)",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
