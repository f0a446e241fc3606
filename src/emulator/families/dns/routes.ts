// DNS record endpoints: list, get, create, overwrite, edit, delete and batch.
import type { AuditAction, AuditEvent } from "../../audit/types.ts";
import { runBatch } from "./batch.ts";
import { createRecord, deleteRecord, getRecord, updateRecord } from "./operations.ts";
import { filterRecords, orderRecords } from "./query.ts";
import { recordView } from "./view.ts";
import { nowIso } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import type { Router } from "../../router.ts";
import { requireZone } from "../zones/slice.ts";
import type { Zone } from "../zones/types.ts";
import type { FamilyContext } from "../family.ts";
import { zoneRecords } from "./slice.ts";
import type { DnsRecord } from "./types.ts";

/** The 2024 schema allows 5,000,000 per page (dns-records_per_page); the default is 100. */
const dnsPageLimits = { defaultPerPage: 100, maxPerPage: 5_000_000 };

function recordEvent(action: AuditAction, zone: Zone, before: DnsRecord | undefined, after: DnsRecord | undefined, request?: unknown): AuditEvent {
  const event: AuditEvent = { action, resource: "dns_record", id: (after ?? before)!.id, zone: { id: zone.id, name: zone.name } };
  if (before) event.before = recordView(before);
  if (after) event.after = recordView(after);
  if (request !== undefined) event.request = request;
  return event;
}

export function addDnsRecordRoutes(router: Router, options: FamilyContext): void {
  const base = "/zones/{zone_id}/dns_records";
  router.add("GET", base, (ctx) => {
    const zone = requireZone(ctx);
    const records = filterRecords(zoneRecords(ctx.store, zone.id).all(), ctx.query, zone.name);
    const { page, info } = paginate(orderRecords(records, ctx.query), ctx.query, dnsPageLimits);
    return { result: page.map(recordView), resultInfo: info };
  });
  router.add("POST", base, (ctx) => {
    const zone = requireZone(ctx);
    const created = createRecord(zoneRecords(ctx.store, zone.id), zone.name, ctx.body, nowIso());
    return { result: recordView(created), audit: [recordEvent("create", zone, undefined, created, ctx.body)] };
  });
  router.add("POST", `${base}/batch`, (ctx) => {
    const zone = requireZone(ctx);
    const records = zoneRecords(ctx.store, zone.id);
    const previous = new Map(records.all().map((record) => [record.id, record]));
    const result = runBatch(records, zone.name, ctx.body, nowIso(), options.batchLimit);
    // One audit entry per record changed, so a change can be traced to its record id.
    const audit = [
      ...result.deletes.map((record) => recordEvent("delete", zone, record, undefined)),
      ...[...result.patches, ...result.puts].map((record) => recordEvent("update", zone, previous.get(record.id), record)),
      ...result.posts.map((record) => recordEvent("create", zone, undefined, record)),
    ];
    return {
      result: { deletes: result.deletes.map(recordView), patches: result.patches.map(recordView), puts: result.puts.map(recordView), posts: result.posts.map(recordView) },
      audit,
    };
  });
  router.add("GET", `${base}/{dns_record_id}`, (ctx) => {
    const zone = requireZone(ctx);
    return { result: recordView(getRecord(zoneRecords(ctx.store, zone.id), ctx.params.dns_record_id)) };
  });
  for (const [method, mode] of [["PUT", "put"], ["PATCH", "patch"]] as const) {
    router.add(method, `${base}/{dns_record_id}`, (ctx) => {
      const zone = requireZone(ctx);
      const records = zoneRecords(ctx.store, zone.id);
      const before = records.get(ctx.params.dns_record_id ?? "");
      const updated = updateRecord(records, zone.name, ctx.params.dns_record_id, ctx.body, nowIso(), mode);
      return { result: recordView(updated), audit: [recordEvent("update", zone, before, updated, ctx.body)] };
    });
  }
  router.add("DELETE", `${base}/{dns_record_id}`, (ctx) => {
    const zone = requireZone(ctx);
    const record = deleteRecord(zoneRecords(ctx.store, zone.id), ctx.params.dns_record_id);
    return { result: { id: record.id }, audit: [recordEvent("delete", zone, record, undefined)] };
  });
}
