// DNS record endpoints: list, get, create, overwrite, edit, delete and batch.
import { runBatch } from "../dns/batch.ts";
import { createRecord, deleteRecord, getRecord, updateRecord } from "../dns/operations.ts";
import { filterRecords, orderRecords } from "../dns/query.ts";
import { recordView } from "../dns/view.ts";
import { nowIso } from "../ids.ts";
import { paginate } from "../pagination.ts";
import type { Router } from "../router.ts";
import { requireZone } from "./common.ts";

/** The 2024 schema allows 5,000,000 per page (dns-records_per_page); the default is 100. */
const dnsPageLimits = { defaultPerPage: 100, maxPerPage: 5_000_000 };

export function addDnsRecordRoutes(router: Router, options: { batchLimit?: number }): void {
  const base = "/zones/{zone_id}/dns_records";
  router.add("GET", base, (ctx) => {
    const zone = requireZone(ctx);
    const records = filterRecords(ctx.store.zoneRecords(zone.id).all(), ctx.query, zone.name);
    const { page, info } = paginate(orderRecords(records, ctx.query), ctx.query, dnsPageLimits);
    return { result: page.map(recordView), resultInfo: info };
  });
  router.add("POST", base, (ctx) => {
    const zone = requireZone(ctx);
    return { result: recordView(createRecord(ctx.store.zoneRecords(zone.id), zone.name, ctx.body, nowIso())) };
  });
  router.add("POST", `${base}/batch`, (ctx) => {
    const zone = requireZone(ctx);
    const result = runBatch(ctx.store.zoneRecords(zone.id), zone.name, ctx.body, nowIso(), options.batchLimit);
    return { result: { deletes: result.deletes.map(recordView), patches: result.patches.map(recordView), puts: result.puts.map(recordView), posts: result.posts.map(recordView) } };
  });
  router.add("GET", `${base}/{dns_record_id}`, (ctx) => {
    const zone = requireZone(ctx);
    return { result: recordView(getRecord(ctx.store.zoneRecords(zone.id), ctx.params.dns_record_id)) };
  });
  for (const [method, mode] of [["PUT", "put"], ["PATCH", "patch"]] as const) {
    router.add(method, `${base}/{dns_record_id}`, (ctx) => {
      const zone = requireZone(ctx);
      return { result: recordView(updateRecord(ctx.store.zoneRecords(zone.id), zone.name, ctx.params.dns_record_id, ctx.body, nowIso(), mode)) };
    });
  }
  router.add("DELETE", `${base}/{dns_record_id}`, (ctx) => {
    const zone = requireZone(ctx);
    const record = deleteRecord(ctx.store.zoneRecords(zone.id), ctx.params.dns_record_id);
    return { result: { id: record.id } };
  });
}
