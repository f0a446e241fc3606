// A zone's DNS changes as batch requests: deletes, then patches, then posts, chunked so that
// no request carries more than `size` operations. Chunks keep that global order, so a record
// replaced by another (content change, A -> CNAME) is deleted before its successor is posted.
import { dnsApiBody, dnsApiPatch } from "../../kinds/dns-record/native.ts";
import type { DnsRecordValue } from "../../kinds/dns-record/normalise.ts";
import type { Change } from "../../plan/types.ts";

export interface DnsBatch {
  changes: Change[];
  body: { deletes: { id: string }[]; patches: Record<string, unknown>[]; posts: Record<string, unknown>[] };
}

type Op = { change: Change; kind: "deletes" | "patches" | "posts"; item: Record<string, unknown> };

function toOp(change: Change): Op | undefined {
  if (change.op === "delete" && change.cloudId) return { change, kind: "deletes", item: { id: change.cloudId } };
  if (change.op === "update" && change.cloudId) {
    return { change, kind: "patches", item: dnsApiPatch(change.cloudId, change.after as DnsRecordValue, change.fields) };
  }
  if (change.op === "create") return { change, kind: "posts", item: dnsApiBody(change.after as DnsRecordValue) };
  return undefined;
}

export function dnsBatches(changes: Change[], size: number): DnsBatch[] {
  const rank = { deletes: 0, patches: 1, posts: 2 };
  const ops = changes.map(toOp).filter((op): op is Op => op !== undefined);
  ops.sort((a, b) => rank[a.kind] - rank[b.kind]);
  const batches: DnsBatch[] = [];
  const step = Math.max(1, size);
  for (let start = 0; start < ops.length; start += step) {
    const chunk = ops.slice(start, start + step);
    const body: DnsBatch["body"] = { deletes: [], patches: [], posts: [] };
    for (const op of chunk) (body[op.kind] as Record<string, unknown>[]).push(op.item);
    batches.push({ changes: chunk.map((op) => op.change), body });
  }
  return batches;
}
