// Create, overwrite, edit and delete of one record, with Cloudflare's conflict rules.
// Shared by the single-record endpoints and the batch endpoint.
import { fail } from "../../envelope.ts";
import { hexId } from "../../ids.ts";
import type { DnsRecord } from "./types.ts";
import { normaliseRecord, recordAsInput, type RecordFields } from "./normalise.ts";
import type { ZoneRecords } from "./zone-records.ts";

const hostContent = new Set(["CNAME", "NS", "PTR", "MX"]);

function identityKey(record: RecordFields): string {
  const content = hostContent.has(record.type) ? record.content.toLowerCase() : record.content;
  return `${record.type}\n${content}\n${record.priority ?? ""}`;
}

/** Rejects a record that cannot live beside the others at its name. */
function checkConflicts(zone: ZoneRecords, zoneName: string, candidate: RecordFields, ignoreId?: string): void {
  const others = zone.atName(candidate.name).filter((record) => record.id !== ignoreId);
  const isApex = candidate.name === zoneName.toLowerCase();
  if (others.length === 0) return;
  if (candidate.type === "CNAME" || others.some((record) => record.type === "CNAME")) {
    if (candidate.type === "CNAME" || candidate.type === "A" || candidate.type === "AAAA") {
      throw fail(400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
    }
    throw fail(400, 81054, "A CNAME record with that host already exists.");
  }
  // A delegated name (NS below the apex) holds only NS records, plus the DS records that sign the
  // delegation (SDK: "NS records cannot exist on the same name as any other record type"; a DS
  // belongs at the delegation point by RFC 4035).
  if (!isApex) {
    const withNs = new Set(["NS", "DS"]);
    const nsClash = candidate.type === "NS" ? others.some((record) => !withNs.has(record.type)) : !withNs.has(candidate.type) && others.some((record) => record.type === "NS");
    if (nsClash) throw fail(400, 81056, "A record with that host already exists: NS records cannot share a name with other record types (except DS).");
  }
  const key = identityKey(candidate);
  if (others.some((record) => identityKey(record) === key)) throw fail(400, 81058, "An identical record already exists.");
}

function existing(zone: ZoneRecords, id: unknown): DnsRecord {
  const record = typeof id === "string" ? zone.get(id) : undefined;
  if (!record) throw fail(404, 81044, "Record does not exist.");
  return record;
}

function writable(zone: ZoneRecords, id: unknown): DnsRecord {
  const record = existing(zone, id);
  if (record.meta.read_only) throw fail(400, 1050, `This record is managed by Cloudflare and is read only: ${record.name} ${record.type}`);
  return record;
}

function stamp(fields: RecordFields, previous: DnsRecord | undefined, now: string): DnsRecord {
  const record: DnsRecord = {
    id: previous?.id ?? hexId(),
    ...fields,
    meta: previous?.meta ?? {},
    created_on: previous?.created_on ?? now,
    modified_on: now,
  };
  if (fields.priority === undefined) delete record.priority;
  if (fields.data === undefined) delete record.data;
  if (fields.comment === undefined) delete record.comment;
  // Both timestamps are omitted while there is no comment (no tags), per the SDK's RecordResponse.
  delete record.comment_modified_on;
  delete record.tags_modified_on;
  if (fields.comment !== undefined) record.comment_modified_on = previous?.comment === fields.comment && previous.comment_modified_on ? previous.comment_modified_on : now;
  const sameTags = previous !== undefined && previous.tags.join("\n") === fields.tags.join("\n");
  if (fields.tags.length > 0) record.tags_modified_on = sameTags && previous.tags_modified_on ? previous.tags_modified_on : now;
  return record;
}

export function createRecord(zone: ZoneRecords, zoneName: string, input: unknown, now: string, meta?: Partial<DnsRecord["meta"]>): DnsRecord {
  const fields = normaliseRecord(input, zoneName);
  checkConflicts(zone, zoneName, fields);
  const record = stamp(fields, undefined, now);
  if (meta) record.meta = { ...record.meta, ...meta };
  zone.put(record);
  return record;
}

/** PUT replaces every field; PATCH changes only the fields given. */
export function updateRecord(zone: ZoneRecords, zoneName: string, id: unknown, input: unknown, now: string, mode: "put" | "patch"): DnsRecord {
  const previous = writable(zone, id);
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw fail(400, 9207, "Request body is invalid: expected a JSON object");
  const body = { ...(input as Record<string, unknown>) };
  delete body.id;
  const merged = mode === "patch" ? { ...recordAsInput(previous), ...body } : body;
  if (mode === "patch" && body.type !== undefined && body.type !== previous.type && body.data === undefined) delete merged.data;
  const fields = normaliseRecord(merged, zoneName);
  checkConflicts(zone, zoneName, fields, previous.id);
  const record = stamp(fields, previous, now);
  zone.put(record);
  return record;
}

export function deleteRecord(zone: ZoneRecords, id: unknown): DnsRecord {
  const record = writable(zone, id);
  zone.remove(record.id);
  return record;
}

export function getRecord(zone: ZoneRecords, id: unknown): DnsRecord {
  return existing(zone, id);
}
