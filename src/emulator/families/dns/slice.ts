// The DNS family's store slice (state file key `records`): each zone's records.
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { DnsRecord } from "./types.ts";
import { ZoneRecords } from "./zone-records.ts";

export const dnsSlice = defineSlice<Map<string, ZoneRecords>>({
  keys: ["records"],
  create: () => new Map(),
  snapshot: (zones) => ({ records: Object.fromEntries([...zones].map(([zoneId, records]) => [zoneId, records.all()])) }),
  load(zones, snapshot) {
    for (const [zoneId, records] of Object.entries((snapshot.records as Record<string, DnsRecord[]> | undefined) ?? {})) zones.set(zoneId, ZoneRecords.from(records));
  },
});

/** A zone's records (an empty set for a zone without any). */
export function zoneRecords(store: EmulatorStore, zoneId: string): ZoneRecords {
  const zones = store.slice(dnsSlice);
  let records = zones.get(zoneId);
  if (!records) zones.set(zoneId, (records = new ZoneRecords()));
  return records;
}
