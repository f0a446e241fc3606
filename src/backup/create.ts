// Writes one backup file: a gzipped tar whose first entry is the manifest. Written next to its final
// name and renamed into place, so a crash never leaves a half-written file under the real name.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { gzipSync } from "node:zlib";
import { dataDirOwner } from "./data-dir-lock.ts";
import { snapshotHistory } from "./history-snapshot.ts";
import { backupFormat, backupFormatVersion, describeFile, manifestPath, toolVersion, type BackupManifest } from "./manifest.ts";
import { collectState } from "./state-files.ts";
import { writeTar, type TarEntry } from "./tar.ts";

export interface CreateBackupOptions {
  dataDir: string;
  file: string;
  env: NodeJS.ProcessEnv;
  now?: Date;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const now = options.now ?? new Date();
  const history = await snapshotHistory(options.dataDir);
  const state = collectState(options.dataDir, options.env);
  const entries: TarEntry[] = [{ path: "history.sqlite", data: history.data, mtime: now }, ...state.files.map((file) => ({ ...file, mtime: now }))];
  const manifest: BackupManifest = {
    format: backupFormat,
    formatVersion: backupFormatVersion,
    createdAt: now.toISOString(),
    tool: { name: "cf-gitops", version: toolVersion() },
    node: process.version,
    history: { schemaVersion: history.schemaVersion, runs: history.runs, lastRunId: history.lastRunId },
    pulumi: state.pulumi,
    daemonPid: dataDirOwner(options.dataDir) ?? null,
    files: entries.map((entry) => describeFile(entry.path, entry.data)),
  };
  const archive = gzipSync(writeTar([{ path: manifestPath, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mtime: now }, ...entries]));
  mkdirSync(dirname(options.file), { recursive: true });
  const partial = `${options.file}.partial-${process.pid}`;
  try {
    writeFileSync(partial, archive, { mode: 0o600, flush: true });
    renameSync(partial, options.file);
  } finally {
    rmSync(partial, { force: true });
  }
  return manifest;
}
