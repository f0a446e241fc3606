// A consistent copy of the history database while the daemon writes to it: SQLite's online backup
// API reads one committed snapshot (WAL readers never block the writer), then the copy is
// switched to a single self-contained file and checked. The copy stays a file (the archive is
// written from it, streaming); it is never read into memory whole.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { historyFile } from "../history/adapters.ts";
import { BackupError } from "./errors.ts";

export interface HistoryFacts {
  schemaVersion: number;
  runs: number;
  lastRunId: number | null;
}

/** Facts about a history database file, after an integrity check. */
export function inspectHistory(file: string): HistoryFacts {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const check = db.prepare("PRAGMA integrity_check").get() as { integrity_check: string };
    if (check.integrity_check !== "ok") throw new BackupError(`the history database fails SQLite's integrity check: ${check.integrity_check}`);
    const { user_version: schemaVersion } = db.prepare("PRAGMA user_version").get() as { user_version: number };
    const hasRuns = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get() !== undefined;
    const counts = hasRuns ? (db.prepare("SELECT count(*) AS runs, max(id) AS lastRunId FROM runs").get() as { runs: number; lastRunId: number | null }) : { runs: 0, lastRunId: null };
    return { schemaVersion, runs: counts.runs, lastRunId: counts.lastRunId };
  } finally {
    db.close();
  }
}

/** Copies the data directory's history into `dir`/history.sqlite; returns the copy's path and facts. */
export async function snapshotHistory(dataDir: string, dir: string): Promise<HistoryFacts & { path: string }> {
  const file = historyFile(dataDir);
  if (!existsSync(file)) {
    throw new BackupError(`no history database at ${file}`, { hint: "pass the daemon's --data-dir (it creates history.sqlite on its first run)" });
  }
  const copy = join(dir, "history.sqlite");
  const source = new DatabaseSync(file, { readOnly: true, timeout: 10_000 });
  try {
    // One step for the whole database: a multi-step copy restarts whenever the daemon commits.
    await backup(source, copy, { rate: 2 ** 30 });
  } finally {
    source.close();
  }
  const db = new DatabaseSync(copy);
  db.exec("PRAGMA journal_mode = DELETE");
  db.close();
  return { path: copy, ...inspectHistory(copy) };
}
