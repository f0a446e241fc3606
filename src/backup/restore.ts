// Restores a verified backup into a data directory no daemon is using. The whole file is verified
// first, streaming, with nothing written; then it is read again into a staging folder inside the
// data directory (verified once more as it is written) and checked there; only then is anything
// already present moved aside (into pre-restore-<time>/) and the restored files renamed into place.
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataDirOwner } from "./data-dir-lock.ts";
import { BackupError } from "./errors.ts";
import { inspectHistory } from "./history-snapshot.ts";
import type { BackupManifest } from "./manifest.ts";
import { readBackup } from "./read.ts";

export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** Replace existing state (moved aside, not deleted). */
  force?: boolean;
  now?: Date;
  /** The most the backup may unpack to (default 2 GiB). */
  maxBytes?: number;
}

export interface RestoreResult {
  manifest: BackupManifest;
  restored: string[];
  /** Where the state that was there before now lives, when there was any. */
  movedAside?: string;
}

/** Top-level names a restore writes; the SQLite side files of the old database go with it. */
function topLevel(paths: readonly string[]): string[] {
  return [...new Set(paths.map((path) => path.split("/")[0]!))];
}

function existingState(dataDir: string, names: readonly string[]): string[] {
  const all = [...names, ...(names.includes("history.sqlite") ? ["history.sqlite-wal", "history.sqlite-shm"] : [])];
  return all.filter((name) => existsSync(join(dataDir, name)));
}

/** Files written as root end up owned like the data directory, so the service user can use them. */
function chownLike(dataDir: string, paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(dataDir);
  for (const path of paths) chownSync(path, uid, gid);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? [join(dir, entry.name), ...walk(join(dir, entry.name))] : [join(dir, entry.name)]));
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const limit = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const { manifest, files } = await readBackup(options.file, limit);
  const dataDir = options.dataDir;
  const owner = dataDirOwner(dataDir);
  if (owner !== undefined) {
    throw new BackupError(`a cf-gitops daemon (pid ${owner}) is running on ${dataDir}; nothing was restored`, { hint: "stop it first (systemctl stop cf-gitops), then restore" });
  }
  const names = topLevel(files.map((file) => file.path));
  const present = existingState(dataDir, names);
  if (present.length > 0 && !options.force) {
    throw new BackupError(`${dataDir} already holds state (${present.join(", ")}); nothing was restored`, {
      hint: "restore into an empty directory, or pass --force to move the current state aside into pre-restore-<time>/ first",
    });
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o750 });
  const staging = mkdtempSync(join(dataDir, ".restore-"));
  try {
    await readBackup(options.file, { ...limit, into: staging });
    inspectHistory(join(staging, "history.sqlite")); // SQLite's own integrity check, before anything moves
    chownLike(dataDir, [staging, ...walk(staging)]);

    let movedAside: string | undefined;
    if (present.length > 0) {
      movedAside = join(dataDir, `pre-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, "-")}`);
      mkdirSync(movedAside, { mode: 0o750 });
      for (const name of present) renameSync(join(dataDir, name), join(movedAside, name));
    }
    for (const name of names) renameSync(join(staging, name), join(dataDir, name));
    return { manifest, restored: names, ...(movedAside ? { movedAside } : {}) };
  } catch (error) {
    if (error instanceof BackupError && !error.message.endsWith("nothing was restored")) throw new BackupError(`${options.file}: ${error.message}; nothing was restored`, { file: options.file, cause: error });
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
