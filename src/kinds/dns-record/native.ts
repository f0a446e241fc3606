// The native engine's DNS adapter: one paged list per zone (5,000 records a page), and every
// change of a zone through the batch endpoint (deletes, patches, posts; chunked by dns_batch_size).
import type { NativeAdapter } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import { dnsApiBody, dnsApiPatch } from "./api-body.ts";
import { dnsBatches, type DnsPayload } from "./batches.ts";
import { dnsResource } from "./expand.ts";
import { dnsValueFromLive, isReadOnlyLive, type DnsRecordValue } from "./normalise.ts";
import { dnsRecordKindId } from "./normalise.ts";

export { dnsApiBody, dnsApiPatch };

export const dnsPageSize = 5000;

/** Live records (as the API returns them) -> resources; ids are final after the core's assignIds. */
export function dnsRecordsToResources(zone: string, records: Record<string, unknown>[]) {
  return records.map((record) => {
    const resource = dnsResource(zone, dnsValueFromLive(record));
    resource.cloudId = String(record.id);
    if (isReadOnlyLive(record)) resource.readOnly = true;
    return resource;
  });
}

export const native: NativeAdapter<DnsPayload> = {
  kind: dnsRecordKindId,
  async readZone(zone, { client }) {
    const records: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const result = await call(`list DNS records of ${zone.name}`, () => client.dns.records.list({ zone_id: zone.id, per_page: dnsPageSize, page }));
      records.push(...(result.result as unknown as Record<string, unknown>[]));
      const info = (result as unknown as { result_info?: { total_pages?: number } }).result_info;
      if (result.result.length < dnsPageSize || page >= (info?.total_pages ?? page)) break;
    }
    return { resources: dnsRecordsToResources(zone.name, records) };
  },
  probe: ({ zone }, { client }) => call(`list DNS records of ${zone?.name ?? ""}`, () => client.dns.records.list({ zone_id: zone?.id ?? "", per_page: 1 })),
  auditResource: ({ change }) => (change.cloudId ? { id: change.cloudId, types: ["dns_record", "DNS_record"], ...(change.zone ? { zone: change.zone } : {}) } : undefined),
  payload({ change }) {
    const after = change.after as DnsRecordValue;
    if (change.op === "delete") return { batch: "deletes", item: { id: change.cloudId } };
    if (change.op === "update" && change.cloudId) return { batch: "patches", item: dnsApiPatch(change.cloudId, after, change.fields) };
    return { batch: "posts", item: dnsApiBody(after) };
  },
  writes(changes, ctx) {
    const zone = changes[0]?.zone ?? "";
    return dnsBatches(changes, ctx.stack.dns_batch_size || 200).map((batch) => ({
      changes: batch.changes,
      run: () => call(`apply ${batch.changes.length} DNS change(s) to ${zone}`, () => ctx.client.dns.records.batch({ zone_id: ctx.zoneId(zone), ...batch.body } as never)),
    }));
  },
};
