// A zone's DNS changes as batch requests: deletes, then patches, then posts, chunked so that
// no request carries more than `size` operations. Chunks keep that global order, so a record
// that gives way to another (A -> CNAME at one name) is deleted before its successor is posted.
import type { Change } from "../../plan/types.ts";

/** Where one change goes in a batch request, and what it sends. */
export interface DnsPayload {
  batch: "deletes" | "patches" | "posts";
  item: Record<string, unknown>;
}

export interface DnsBatch {
  changes: Change<DnsPayload>[];
  body: { deletes: Record<string, unknown>[]; patches: Record<string, unknown>[]; posts: Record<string, unknown>[] };
}

const rank = { deletes: 0, patches: 1, posts: 2 };

export function dnsBatches(changes: Change<DnsPayload>[], size: number): DnsBatch[] {
  const ops = changes.filter((change) => change.payload !== undefined).sort((a, b) => rank[a.payload!.batch] - rank[b.payload!.batch]);
  const batches: DnsBatch[] = [];
  const step = Math.max(1, size);
  for (let start = 0; start < ops.length; start += step) {
    const chunk = ops.slice(start, start + step);
    const body: DnsBatch["body"] = { deletes: [], patches: [], posts: [] };
    for (const change of chunk) body[change.payload!.batch].push(change.payload!.item);
    batches.push({ changes: chunk, body });
  }
  return batches;
}
