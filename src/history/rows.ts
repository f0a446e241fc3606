// Row <-> record mapping. SQLite NULL becomes an absent field; JSON columns are parsed here.
import type { ChangedBy, DriftAttribution } from "../plan/types.ts";
import type { ChangeRecord, DriftItemRecord, PolicyResultRecord, RunRecord, RunSummary } from "./types.ts";

export type Row = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function json<T>(value: unknown, fallback: T): T {
  if (typeof value !== "string") return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** JSON for a column; undefined stays NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function runFromRow(row: Row): RunRecord {
  return {
    id: Number(row.id),
    stack: String(row.stack),
    kind: String(row.kind) as RunRecord["kind"],
    triggers: String(row.triggers).split(",").filter(Boolean) as RunRecord["triggers"],
    ...optional("commit", text(row.commit_sha)),
    ...optional("branch", text(row.branch)),
    ...optional("author", text(row.author)),
    ...optional("message", text(row.message)),
    startedAt: String(row.started_at),
    ...optional("finishedAt", text(row.finished_at)),
    ...optional("durationMs", row.duration_ms === null || row.duration_ms === undefined ? undefined : Number(row.duration_ms)),
    result: String(row.result) as RunRecord["result"],
    ...optional("error", text(row.error)),
    diagnostics: json<unknown[]>(row.diagnostics, []),
    ...optional("summary", json<RunSummary | undefined>(row.summary, undefined)),
    ...optional("attribution", json<DriftAttribution | undefined>(row.attribution, undefined)),
  };
}

export function changeFromRow(row: Row): ChangeRecord {
  return {
    kind: String(row.kind),
    id: String(row.resource_id),
    ...optional("zone", text(row.zone)),
    op: String(row.op),
    fields: json<string[]>(row.fields, []),
    ...optional("before", json<unknown>(row.before_json, undefined)),
    ...optional("after", json<unknown>(row.after_json, undefined)),
    ...optional("outcome", text(row.outcome)),
    ...optional("error", text(row.error)),
  };
}

export function policyFromRow(row: Row): PolicyResultRecord {
  return {
    policy: String(row.policy),
    level: String(row.level),
    status: String(row.status),
    ...optional("message", text(row.message)),
    ...optional("violations", json<unknown[] | undefined>(row.violations, undefined)),
    ...optional("floor", json<PolicyResultRecord["floor"]>(row.floor, undefined)),
  };
}

export function driftFromRow(row: Row): DriftItemRecord {
  return {
    ...optional("zone", text(row.zone)),
    kind: String(row.kind),
    id: String(row.resource_id),
    op: String(row.op),
    fields: json<string[]>(row.fields, []),
    ...optional("before", json<unknown>(row.before_json, undefined)),
    ...optional("after", json<unknown>(row.after_json, undefined)),
    ...optional("changedBy", json<ChangedBy | undefined>(row.changed_by, undefined)),
  };
}
