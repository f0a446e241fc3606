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
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
