// Appends audit entries for the changes a successful request reported, keeping at most
// `maxAuditEntries` (the oldest go first) and bounding each stored value.
import { randomUUID } from "node:crypto";
import { nowIso } from "../ids.ts";
import type { EmulatorStore } from "../store.ts";
import { namesOf, type AuditNames } from "./names.ts";
import type { AuditActor, AuditEntry, AuditEvent, AuditRequest } from "./types.ts";

export const maxAuditEntries = 10_000;
/** A value larger than this (as JSON) is stored as a marker, so 10,000 entries stay small. */
const maxValueChars = 16_384;

function bounded(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > maxValueChars ? { truncated: true, bytes: text.length } : structuredClone(value);
}

export function recordAudit(store: EmulatorStore, events: AuditEvent[], actor: AuditActor, http: AuditRequest, names: ReadonlyMap<string, AuditNames>): void {
  const time = nowIso();
  for (const event of events) namesOf(names, event.resource);
  for (const event of events) {
    const entry: AuditEntry = { ...event, entryId: randomUUID(), time, actor: { ...actor }, http: { ...http } };
    for (const key of ["before", "after", "request"] as const) {
      if (entry[key] === undefined) delete entry[key];
      else entry[key] = bounded(entry[key]);
    }
    store.audit.push(entry);
  }
  if (store.audit.length > maxAuditEntries) store.audit.splice(0, store.audit.length - maxAuditEntries);
}
