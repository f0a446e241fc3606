// Versioned schema migrations, applied in order inside one transaction each.
// PRAGMA user_version holds the version; never edit a shipped migration, append a new one.
import type { DatabaseSync } from "node:sqlite";
import { CfGitopsError } from "../shared/errors.ts";

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "runs, their changes, policy results and drift items",
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stack TEXT NOT NULL,
        kind TEXT NOT NULL,
        triggers TEXT NOT NULL,
        commit_sha TEXT,
        branch TEXT,
        author TEXT,
        message TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms INTEGER,
        result TEXT NOT NULL DEFAULT 'running',
        error TEXT,
        diagnostics TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX runs_by_stack ON runs (stack, id DESC);
      CREATE TABLE run_changes (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        zone TEXT,
        op TEXT NOT NULL,
        fields TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        outcome TEXT,
        error TEXT,
        PRIMARY KEY (run_id, position)
      );
      CREATE TABLE policy_results (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        policy TEXT NOT NULL,
        level TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT,
        violations TEXT,
        PRIMARY KEY (run_id, position)
      );
      CREATE TABLE drift_items (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        zone TEXT,
        kind TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        op TEXT NOT NULL,
        fields TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        PRIMARY KEY (run_id, position)
      );`,
  },
  {
    version: 2,
    description: "plan summary per run; index for retention pruning",
    sql: `
      ALTER TABLE runs ADD COLUMN summary TEXT;
      CREATE INDEX runs_by_start ON runs (started_at);`,
  },
  {
    version: 3,
    description: "what the policy floor decided, per policy result",
    sql: "ALTER TABLE policy_results ADD COLUMN floor TEXT;",
  },
  {
    version: 4,
    description: "drift attribution: who changed each drifted object, and how the audit log was read",
    sql: `
      ALTER TABLE drift_items ADD COLUMN changed_by TEXT;
      ALTER TABLE runs ADD COLUMN attribution TEXT;`,
  },
  {
    version: 5,
    description: "what git declared per zone and kind at each run (the page's inventory); index for per-day counts",
    sql: `
      CREATE TABLE run_inventory (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        zone TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (run_id, zone, kind)
      );
      CREATE INDEX runs_by_stack_start ON runs (stack, started_at);`,
  },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Brings the database up to `target` (default: latest). Returns the versions applied. */
export function migrate(db: DatabaseSync, file: string, target = latestSchemaVersion): number[] {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new CfGitopsError(`history database ${file} has schema version ${current}, newer than this cf-gitops understands (${latestSchemaVersion})`, {
      hint: "upgrade cf-gitops, or point --data-dir at another directory",
    });
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw new CfGitopsError(`history database ${file}: migration ${migration.version} (${migration.description}) failed`, { cause: error });
    }
    applied.push(migration.version);
  }
  return applied;
}
