// The history database: one SQLite file in WAL mode, written by the daemon, read by the CLI and HTTP API.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { dailyActivity, inventoryOf, zoneChanges } from "./activity.ts";
import { migrate } from "./migrations.ts";
import { damagedHistory, historyOpenError } from "./open-errors.ts";
import { createRedactor, type Redactor } from "../shared/redact.ts";
import { changeFromRow, driftFromRow, policyFromRow, runFromRow, toJson, type Row } from "./rows.ts";
import type {
  ChangeRecord, CommitInput, DayActivity, DriftItemRecord, FinishRunInput, InventoryCount, LatestDrift, PolicyResultRecord,
  RecordedRunKind, RunDetails, RunRecord, StartRunInput, ZoneChange,
} from "./types.ts";

export interface OpenHistoryOptions {
  /** Secret values to scrub from everything written (tokens, webhook secrets). */
  secrets?: readonly (string | undefined)[];
  /** The daemon's redactor (shared/redact.ts); `secrets` are added to it. */
  redact?: Redactor;
}

export interface ListRunsOptions {
  stack?: string;
  kind?: RecordedRunKind;
  limit?: number;
}

export const interruptedMessage = "the daemon stopped during this run (crash or kill); a fresh run was queued";

export class HistoryStore {
  readonly file: string;
  readonly db: DatabaseSync;
  readonly #redact: Redactor;
  readonly #statements = new Map<string, StatementSync>();

  constructor(file: string, db: DatabaseSync, redact: Redactor) {
    this.file = file;
    this.db = db;
    this.#redact = redact;
  }

  #scrub(text: string | undefined): string | null {
    return text === undefined ? null : this.#redact(text);
  }

  /** Exact secret values only: record contents (DKIM keys...) must not be mangled by token heuristics. */
  #scrubJson(value: unknown): string | null {
    const serialised = toJson(value);
    return serialised === null ? null : this.#redact.exact(serialised);
  }

  /** Prepared once per SQL text: the status page reads the same queries many times a second. */
  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.#prepare(sql).all(...params) as Row[];
  }

  #transaction(work: () => void): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Durable (fsynced) before it returns: call it before the run makes any API call. */
  startRun(input: StartRunInput): number {
    const triggers = Array.isArray(input.trigger) ? [...new Set(input.trigger)] : [input.trigger];
    const result = this.db
      .prepare(`INSERT INTO runs (stack, kind, triggers, commit_sha, branch, author, message, started_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(input.stack, input.kind, triggers.join(","), input.commit ?? null, input.branch ?? null,
        this.#scrub(input.author), this.#scrub(input.message), (input.startedAt ?? new Date()).toISOString());
    return Number(result.lastInsertRowid);
  }

  setCommit(runId: number, commit: CommitInput): void {
    this.db.prepare("UPDATE runs SET commit_sha = ?, branch = COALESCE(?, branch), author = ?, message = ? WHERE id = ?")
      .run(commit.commit, commit.branch ?? null, this.#scrub(commit.author), this.#scrub(commit.message), runId);
  }

  finishRun(runId: number, input: FinishRunInput): void {
    const finishedAt = input.finishedAt ?? new Date();
    const row = this.db.prepare("SELECT started_at FROM runs WHERE id = ?").get(runId) as Row | undefined;
    const started = row ? Date.parse(String(row.started_at)) : finishedAt.getTime();
    const diagnostics = this.#scrub(JSON.stringify(input.diagnostics ?? []));
    this.db.prepare(`UPDATE runs SET result = ?, finished_at = ?, duration_ms = ?, error = ?, diagnostics = ?, summary = ?, attribution = ? WHERE id = ?`)
      .run(input.result, finishedAt.toISOString(), Math.max(0, finishedAt.getTime() - started), this.#scrub(input.error),
        diagnostics, toJson(input.summary), this.#scrubJson(input.attribution), runId);
  }

  recordChanges(runId: number, changes: readonly ChangeRecord[]): void {
    const insert = this.db.prepare(`INSERT OR REPLACE INTO run_changes
      (run_id, position, kind, resource_id, zone, op, fields, before_json, after_json, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#transaction(() => {
      this.db.prepare("DELETE FROM run_changes WHERE run_id = ?").run(runId);
      changes.forEach((change, position) => insert.run(runId, position, change.kind, change.id, change.zone ?? null, change.op,
        JSON.stringify(change.fields), this.#scrubJson(change.before), this.#scrubJson(change.after), change.outcome ?? null,
        this.#scrub(change.error)));
    });
  }

  /**
   * One write's outcome while its run is going: sets the outcome of the change recorded as planned,
   * or adds the change when no plan was recorded. Durable when it returns (each call commits).
   */
  upsertChangeOutcome(runId: number, outcome: { kind: string; id: string; op: string; status: string; error?: string }): void {
    const error = this.#scrub(outcome.error);
    const updated = this.#prepare("UPDATE run_changes SET outcome = ?, error = ? WHERE run_id = ? AND kind = ? AND resource_id = ?")
      .run(outcome.status, error, runId, outcome.kind, outcome.id);
    if (Number(updated.changes) > 0) return;
    this.#prepare(`INSERT INTO run_changes (run_id, position, kind, resource_id, op, fields, outcome, error)
      VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM run_changes WHERE run_id = ?), ?, ?, ?, '[]', ?, ?)`)
      .run(runId, runId, outcome.kind, outcome.id, outcome.op, outcome.status, error);
  }

  recordPolicyResults(runId: number, results: readonly PolicyResultRecord[]): void {
    const insert = this.db.prepare(`INSERT INTO policy_results (run_id, position, policy, level, status, message, violations, floor)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#transaction(() => {
      this.db.prepare("DELETE FROM policy_results WHERE run_id = ?").run(runId);
      results.forEach((result, position) => insert.run(runId, position, result.policy, result.level, result.status,
        this.#scrub(result.message), this.#scrubJson(result.violations), this.#scrubJson(result.floor)));
    });
  }

  recordDrift(runId: number, items: readonly DriftItemRecord[]): void {
    const insert = this.db.prepare(`INSERT INTO drift_items (run_id, position, zone, kind, resource_id, op, fields, before_json, after_json, changed_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#transaction(() => {
      this.db.prepare("DELETE FROM drift_items WHERE run_id = ?").run(runId);
      items.forEach((item, position) => insert.run(runId, position, item.zone ?? null, item.kind, item.id, item.op,
        JSON.stringify(item.fields), this.#scrubJson(item.before), this.#scrubJson(item.after), this.#scrubJson(item.changedBy)));
    });
  }

  /** Newest first. */
  listRuns(options: ListRunsOptions = {}): RunRecord[] {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (options.stack !== undefined) {
      where.push("stack = ?");
      params.push(options.stack);
    }
    if (options.kind !== undefined) {
      where.push("kind = ?");
      params.push(options.kind);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const limit = Math.max(1, Math.min(options.limit ?? 50, 10_000));
    return this.#all(`SELECT * FROM runs ${clause} ORDER BY id DESC LIMIT ?`, ...params, limit).map(runFromRow);
  }

  getRun(runId: number): RunDetails | undefined {
    const row = this.#prepare("SELECT * FROM runs WHERE id = ?").get(runId) as Row | undefined;
    if (!row) return undefined;
    return {
      ...runFromRow(row),
      changes: this.#all("SELECT * FROM run_changes WHERE run_id = ? ORDER BY position", runId).map(changeFromRow),
      policy: this.#all("SELECT * FROM policy_results WHERE run_id = ? ORDER BY position", runId).map(policyFromRow),
      drift: this.#all("SELECT * FROM drift_items WHERE run_id = ? ORDER BY position", runId).map(driftFromRow),
    };
  }

  /** Like listRuns, with each run's changes, policy results and drift: four queries in all. */
  listRunDetails(options: ListRunsOptions = {}): RunDetails[] {
    const runs = this.listRuns(options);
    if (runs.length === 0) return [];
    const ids = runs.map((run) => run.id);
    const placeholders = ids.map(() => "?").join(", ");
    const children = (table: string) => {
      const byRun = new Map<number, Row[]>();
      const rows = this.#all(`SELECT * FROM ${table} WHERE run_id IN (${placeholders}) ORDER BY run_id, position`, ...ids);
      for (const row of rows) {
        const list = byRun.get(Number(row.run_id));
        if (list) list.push(row);
        else byRun.set(Number(row.run_id), [row]);
      }
      return byRun;
    };
    const changes = children("run_changes");
    const policy = children("policy_results");
    const drift = children("drift_items");
    return runs.map((run) => ({
      ...run,
      changes: (changes.get(run.id) ?? []).map(changeFromRow),
      policy: (policy.get(run.id) ?? []).map(policyFromRow),
      drift: (drift.get(run.id) ?? []).map(driftFromRow),
    }));
  }

  /** The newest finished run of a stack, optionally of one kind and only successful ones. */
  latestRun(stack: string, options: { kind?: RecordedRunKind; successful?: boolean } = {}): RunRecord | undefined {
    const kind = options.kind === undefined ? "" : "AND kind = ?";
    const results = options.successful ? "AND result = 'success'" : "AND result != 'running'";
    const params: SQLInputValue[] = options.kind === undefined ? [stack] : [stack, options.kind];
    const row = this.#prepare(`SELECT * FROM runs WHERE stack = ? ${kind} ${results} ORDER BY id DESC LIMIT 1`).get(...params) as Row | undefined;
    return row ? runFromRow(row) : undefined;
  }

  /** The drift items of the newest completed drift check of a stack. */
  latestDrift(stack: string): LatestDrift | undefined {
    const run = this.latestRun(stack, { kind: "drift", successful: true });
    if (!run) return undefined;
    return { run, items: this.#all("SELECT * FROM drift_items WHERE run_id = ? ORDER BY position", run.id).map(driftFromRow) };
  }

  /** The policy results of the newest run of a stack that evaluated policies. */
  latestPolicyResults(stack: string): { run: RunRecord; results: PolicyResultRecord[] } | undefined {
    const row = this.#prepare(`SELECT runs.* FROM runs WHERE stack = ? AND result != 'running'
      AND EXISTS (SELECT 1 FROM policy_results WHERE run_id = runs.id) ORDER BY id DESC LIMIT 1`).get(stack) as Row | undefined;
    if (!row) return undefined;
    const run = runFromRow(row);
    return { run, results: this.#all("SELECT * FROM policy_results WHERE run_id = ? ORDER BY position", run.id).map(policyFromRow) };
  }

  /** What git declared per zone and kind when the run's commit loaded (daemon/managed-resources.ts). */
  recordInventory(runId: number, counts: readonly { zone?: string; kind: string; count: number }[]): void {
    const insert = this.#prepare("INSERT OR REPLACE INTO run_inventory (run_id, zone, kind, count) VALUES (?, ?, ?, ?)");
    this.#transaction(() => {
      this.#prepare("DELETE FROM run_inventory WHERE run_id = ?").run(runId);
      for (const count of counts) insert.run(runId, count.zone ?? "account", count.kind, count.count);
    });
  }

  /** The inventory of the newest successful apply that recorded one: what cf-gitops manages now. */
  latestInventory(stack: string): { run: RunRecord; counts: InventoryCount[] } | undefined {
    const row = this.#prepare(`SELECT runs.* FROM runs WHERE stack = ? AND kind = 'apply' AND result = 'success'
      AND EXISTS (SELECT 1 FROM run_inventory WHERE run_id = runs.id) ORDER BY id DESC LIMIT 1`).get(stack) as Row | undefined;
    if (!row) return undefined;
    const run = runFromRow(row);
    return { run, counts: inventoryOf((sql, ...params) => this.#all(sql, ...params), run.id) };
  }

  /** Runs, failures and drift per UTC day, the last `days` (1..366, default 30) days up to `now`. */
  dailyActivity(stack: string, options: { days?: number; now?: Date } = {}): DayActivity[] {
    const days = Math.max(1, Math.min(Math.trunc(options.days ?? 30), 366));
    return dailyActivity((sql, ...params) => this.#all(sql, ...params), stack, days, options.now ?? new Date());
  }

  /** Per zone, the newest apply that changed something in it (within retention). */
  zoneChanges(stack: string): ZoneChange[] {
    return zoneChanges((sql, ...params) => this.#all(sql, ...params), stack);
  }

  stacks(): string[] {
    return this.#all("SELECT DISTINCT stack FROM runs ORDER BY stack").map((row) => String(row.stack));
  }

  /** Crash recovery at start-up: runs left `running` by a killed process become `interrupted`. */
  markRunningAsInterrupted(now: Date = new Date()): RunRecord[] {
    const running = this.#all("SELECT * FROM runs WHERE result = 'running' ORDER BY id").map(runFromRow);
    const update = this.db.prepare(`UPDATE runs SET result = 'interrupted', finished_at = ?, duration_ms = ?, error = ? WHERE id = ?`);
    this.#transaction(() => {
      for (const run of running) update.run(now.toISOString(), Math.max(0, now.getTime() - Date.parse(run.startedAt)), interruptedMessage, run.id);
    });
    return running.map((run) => ({ ...run, result: "interrupted", finishedAt: now.toISOString(), error: interruptedMessage }));
  }

  /**
   * Deletes runs older than keepDays (and their children). The newest finished run of each stack and kind
   * is kept whatever its age, so the page and latestDrift still have something to show; running runs stay.
   */
  prune(options: { keepDays: number; now?: Date; stack?: string }): number {
    const cutoff = new Date((options.now ?? new Date()).getTime() - options.keepDays * 86_400_000).toISOString();
    // With a stack, only its runs: each stack has its own retention_days.
    const result = this.db.prepare(`DELETE FROM runs WHERE started_at < ? AND result != 'running' ${options.stack === undefined ? "" : "AND stack = ?"}
      AND id NOT IN (SELECT MAX(id) FROM runs WHERE result != 'running' GROUP BY stack, kind)
      AND id NOT IN (SELECT MAX(id) FROM runs WHERE result = 'success' GROUP BY stack, kind)`)
      .run(cutoff, ...(options.stack === undefined ? [] : [options.stack]));
    return Number(result.changes);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/** Opens (creating if needed) the history database and brings its schema up to date. */
export function openHistory(file: string, options: OpenHistoryOptions = {}): HistoryStore {
  let db: DatabaseSync | undefined;
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
    db.exec("PRAGMA journal_mode = WAL");
    // FULL: a run recorded as started survives power loss too, not only a killed process.
    db.exec("PRAGMA synchronous = FULL");
    // Reads every page of the schema: a file that is no database fails here.
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
    // And every page of every table and index (quick_check: the b-trees, without comparing indexes
    // to their tables): damage past the schema is found now, not as "a bug" in the middle of a run.
    const finding = (db.prepare("PRAGMA quick_check(1)").get() as { quick_check: string } | undefined)?.quick_check ?? "ok";
    if (finding !== "ok") throw damagedHistory(file, finding);
  } catch (error) {
    if (db?.isOpen) db.close();
    throw historyOpenError(file, error);
  }
  migrate(db, file);
  const redact = options.redact ?? createRedactor();
  redact.add(options.secrets ?? []);
  return new HistoryStore(file, db, redact);
}
