// A zone's DNS changes as batch requests: deletes, then patches, then posts (the order Cloudflare
// runs a batch in), chunked so that no request carries more than `size` operations. Chunks keep
// that global order, so a record that gives way to another (A -> CNAME at one name) is deleted
// before its successor is posted.
//
// A DS record says "the delegated child is signed", so it must not be served without the child's
// NS records: created after them, deleted before them. Cloudflare runs one batch in one database
// transaction, but "the propagation of changes is not atomic" (API reference, Batch DNS Records),
// so where a DS and the NS records at its name change together the DS goes in a request of its own:
// DS deletes before everything else, DS creates after everything else.
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

function record(change: Change<DnsPayload>): { name?: unknown; type?: unknown } {
  const value = change.payload!.batch === "deletes" ? change.before : change.after;
  return typeof value === "object" && value !== null ? (value as { name?: unknown; type?: unknown }) : {};
}

/** Names where an NS record is created (or deleted) in these changes. */
function nsNames(ops: Change<DnsPayload>[], batch: DnsPayload["batch"]): Set<unknown> {
  return new Set(ops.filter((c) => c.payload!.batch === batch && record(c).type === "NS").map((c) => record(c).name));
}

function chunks(ops: Change<DnsPayload>[], size: number): DnsBatch[] {
  const batches: DnsBatch[] = [];
  for (let start = 0; start < ops.length; start += size) {
    const chunk = ops.slice(start, start + size);
    const body: DnsBatch["body"] = { deletes: [], patches: [], posts: [] };
    for (const change of chunk) body[change.payload!.batch].push(change.payload!.item);
    batches.push({ changes: chunk, body });
  }
  return batches;
}

export function dnsBatches(changes: Change<DnsPayload>[], size: number): DnsBatch[] {
  const ops = changes.filter((change) => change.payload !== undefined).sort((a, b) => rank[a.payload!.batch] - rank[b.payload!.batch]);
  const deletedNs = nsNames(ops, "deletes");
  const createdNs = nsNames(ops, "posts");
  const isDs = (c: Change<DnsPayload>, batch: DnsPayload["batch"], names: Set<unknown>) => c.payload!.batch === batch && record(c).type === "DS" && names.has(record(c).name);
  const first = ops.filter((c) => isDs(c, "deletes", deletedNs));
  const last = ops.filter((c) => isDs(c, "posts", createdNs));
  const middle = ops.filter((c) => !first.includes(c) && !last.includes(c));
  const step = Math.max(1, size);
  return [first, middle, last].flatMap((group) => chunks(group, step));
}
