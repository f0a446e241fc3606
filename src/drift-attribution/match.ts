// Drifted objects <- audit-log entries: by resource id, in the object's zone when the entry names
// one, of one of the object's resource types (an entry whose type no drifted object knows is taken
// on its id alone: Cloudflare documents the fields, not every type name). The newest entry wins.
import type { Change, ChangedBy } from "../plan/types.ts";
import type { AuditRecord, AuditRef } from "./types.ts";

function lower(text: string | undefined): string | undefined {
  return text?.toLowerCase();
}

export function matches(ref: AuditRef, record: AuditRecord, knownTypes: ReadonlySet<string>): boolean {
  if (record.resourceId !== ref.id) return false;
  if (ref.zone && record.zone && lower(ref.zone) !== lower(record.zone)) return false;
  const type = lower(record.resourceType) ?? "";
  return ref.types.some((candidate) => lower(candidate) === type) || !knownTypes.has(type);
}

function changedBy(record: AuditRecord): ChangedBy {
  const { actor, at, action, via, ip } = record;
  return { actor, at, action, via, ...(ip ? { ip } : {}) };
}

/** Sets `changedBy` on every change an entry names; returns how many were attributed. */
export function attributeChanges(changes: readonly Change[], refOf: (change: Change) => AuditRef | undefined, records: readonly AuditRecord[]): number {
  const refs = new Map<Change, AuditRef>();
  for (const change of changes) {
    const ref = refOf(change);
    if (ref) refs.set(change, ref);
  }
  const knownTypes = new Set([...refs.values()].flatMap((ref) => ref.types.map((type) => type.toLowerCase())));
  let attributed = 0;
  for (const [change, ref] of refs) {
    let newest: AuditRecord | undefined;
    for (const record of records) {
      if (!matches(ref, record, knownTypes)) continue;
      if (!newest || Date.parse(record.at) > Date.parse(newest.at)) newest = record;
    }
    if (newest) {
      change.changedBy = changedBy(newest);
      attributed++;
    }
  }
  return attributed;
}
