// The status page's aggregates over history: runs, failures and drift per day, the inventory of the
// last successful apply, and when each zone last changed. Each is a few bounded queries on an index.
import type { SQLInputValue } from "node:sqlite";
import type { Row } from "./rows.ts";
import type { DayActivity, InventoryCount, ZoneChange } from "./types.ts";

export type Query = (sql: string, ...params: SQLInputValue[]) => Row[];

const dayMs = 86_400_000;

/** The UTC days (YYYY-MM-DD) of the `days` days ending with today, oldest first. */
export function dayRange(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) => new Date(today - (days - 1 - index) * dayMs).toISOString().slice(0, 10));
}

/**
 * One entry per UTC day, every day present (zeros on quiet days). `failures` counts runs that failed
 * or were blocked by policy; `drift` is the most drifted resources any drift check of that day found,
 * and `driftChecks` how many checks completed (0: the day says nothing about drift).
 * Both queries use runs_by_stack_start, so the cost is the runs of those days, not of all history.
 */
export function dailyActivity(query: Query, stack: string, days: number, now: Date): DayActivity[] {
  const range = dayRange(days, now);
  const since = `${range[0]}T00:00:00.000Z`;
  const runs = query(`SELECT substr(started_at, 1, 10) AS day, COUNT(*) AS runs, SUM(result IN ('failure', 'blocked')) AS failures
    FROM runs WHERE stack = ? AND started_at >= ? GROUP BY day`, stack, since);
  const drift = query(`SELECT substr(started_at, 1, 10) AS day, COUNT(*) AS checks,
      MAX((SELECT COUNT(*) FROM drift_items WHERE drift_items.run_id = runs.id)) AS drift
    FROM runs WHERE stack = ? AND started_at >= ? AND kind = 'drift' AND result = 'success' GROUP BY day`, stack, since);
  const runsByDay = new Map(runs.map((row) => [String(row.day), row]));
  const driftByDay = new Map(drift.map((row) => [String(row.day), row]));
  return range.map((day) => ({
    day,
    runs: Number(runsByDay.get(day)?.runs ?? 0),
    failures: Number(runsByDay.get(day)?.failures ?? 0),
    drift: Number(driftByDay.get(day)?.drift ?? 0),
    driftChecks: Number(driftByDay.get(day)?.checks ?? 0),
  }));
}

/** The counts recorded with one run. */
export function inventoryOf(query: Query, runId: number): InventoryCount[] {
  return query("SELECT zone, kind, count FROM run_inventory WHERE run_id = ? ORDER BY zone, kind", runId)
    .map((row) => ({ zone: String(row.zone), kind: String(row.kind), count: Number(row.count) }));
}

/**
 * When each zone last changed, from the applied changes history recorded (outcome "applied" in an
 * apply run). Changes older than the retention period are pruned with their runs, so a zone
 * untouched for longer has no entry. SQLite returns the bare columns of the row holding MAX(id).
 */
export function zoneChanges(query: Query, stack: string): ZoneChange[] {
  return query(`SELECT COALESCE(run_changes.zone, 'account') AS zone, MAX(runs.id) AS run_id, runs.finished_at AS at, runs.commit_sha AS commit_sha,
      runs.author AS author
    FROM runs JOIN run_changes ON run_changes.run_id = runs.id
    WHERE runs.stack = ? AND runs.kind = 'apply' AND run_changes.outcome = 'applied'
    GROUP BY COALESCE(run_changes.zone, 'account') ORDER BY zone`, stack)
    .map((row) => ({
      zone: String(row.zone), runId: Number(row.run_id), at: String(row.at ?? ""),
      ...(typeof row.commit_sha === "string" ? { commit: row.commit_sha } : {}),
      ...(typeof row.author === "string" ? { author: row.author } : {}),
    }));
}
