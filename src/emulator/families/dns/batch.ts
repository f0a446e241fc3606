// POST /zones/{zone_id}/dns_records/batch: deletes, then patches, then puts, then posts, all or
// nothing (a failure undoes the changes already made, in reverse).
// Response shape: the SDK's RecordBatchResponse (cloudflare/resources/dns/records.d.ts).
import { ApiFailure, fail } from "../../envelope.ts";
import type { DnsRecord } from "./types.ts";
import { createRecord, deleteRecord, updateRecord } from "./operations.ts";
import type { ZoneRecords } from "./zone-records.ts";

export interface BatchResult {
  deletes: DnsRecord[];
  patches: DnsRecord[];
  puts: DnsRecord[];
  posts: DnsRecord[];
}

const sections = ["deletes", "patches", "puts", "posts"] as const;

function listOf(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== "object")) {
    throw fail(400, 9207, `Request body is invalid: "${key}" must be a list of objects`);
  }
  return value as Record<string, unknown>[];
}

/** Applies the batch to `zone` and returns the results; on any error `zone` is left as it was. */
export function runBatch(zone: ZoneRecords, zoneName: string, body: unknown, now: string, limit?: number): BatchResult {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw fail(400, 9207, "Request body is invalid: expected a JSON object");
  const input = body as Record<string, unknown>;
  const lists = Object.fromEntries(sections.map((key) => [key, listOf(input, key)])) as Record<(typeof sections)[number], Record<string, unknown>[]>;
  const total = sections.reduce((sum, key) => sum + lists[key].length, 0);
  if (limit !== undefined && total > limit) throw fail(400, 81057, `A batch may hold at most ${limit} record changes; this one has ${total}`);

  const result: BatchResult = { deletes: [], patches: [], puts: [], posts: [] };
  zone.transaction(() => applyAll(zone, zoneName, lists, now, result));
  return result;
}

function applyAll(work: ZoneRecords, zoneName: string, lists: Record<(typeof sections)[number], Record<string, unknown>[]>, now: string, result: BatchResult): void {
  for (const key of sections) {
    lists[key].forEach((item, index) => {
      try {
        if (key === "deletes") result.deletes.push(deleteRecord(work, item.id));
        else if (key === "patches") result.patches.push(updateRecord(work, zoneName, item.id, item, now, "patch"));
        else if (key === "puts") result.puts.push(updateRecord(work, zoneName, item.id, item, now, "put"));
        else result.posts.push(createRecord(work, zoneName, item, now));
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        const where = `${key}[${index}]`;
        throw new ApiFailure(error.status, error.errors.map((e) => ({ ...e, message: `${where}: ${e.message}` })));
      }
    });
  }
}
