// Writes one backup file: a gzipped tar (the npm `tar` package, streaming) whose first entry is the
// manifest. The files are put in a private staging folder first (the history copy is made there),
// then archived from it; the archive is written next to its final name and renamed into place, so a
// crash never leaves a half-written file under the real name.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { create } from "tar";
import { dataDirOwner } from "./data-dir-lock.ts";
import { snapshotHistory } from "./history-snapshot.ts";
import { backupFormat, backupFormatVersion, describeFile, describeFileOnDisk, manifestPath, toolVersion, type BackupManifest } from "./manifest.ts";
import { collectState } from "./state-files.ts";

export interface CreateBackupOptions {
  dataDir: string;
  file: string;
  env: NodeJS.ProcessEnv;
  now?: Date;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const now = options.now ?? new Date();
  const stage = mkdtempSync(join(tmpdir(), "cf-gitops-backup-"));
  try {
    const history = await snapshotHistory(options.dataDir, stage);
    const state = collectState(options.dataDir, options.env);
    for (const file of state.files) {
      mkdirSync(dirname(join(stage, file.path)), { recursive: true, mode: 0o700 });
      writeFileSync(join(stage, file.path), file.data, { mode: file.mode });
    }
    const manifest: BackupManifest = {
      format: backupFormat,
      formatVersion: backupFormatVersion,
      createdAt: now.toISOString(),
      tool: { name: "cf-gitops", version: toolVersion() },
      node: process.version,
      history: { schemaVersion: history.schemaVersion, runs: history.runs, lastRunId: history.lastRunId },
      pulumi: state.pulumi,
      daemonPid: dataDirOwner(options.dataDir) ?? null,
      files: [await describeFileOnDisk("history.sqlite", history.path), ...state.files.map((file) => describeFile(file.path, file.data))],
    };
    writeFileSync(join(stage, manifestPath), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await writeArchive(stage, [manifestPath, ...manifest.files.map((file) => file.path)], options.file, now);
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The listed files of `stage`, in that order, as a gzipped ustar at `file` (mode 0600, flushed, then renamed into place). */
async function writeArchive(stage: string, paths: string[], file: string, mtime: Date): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    // portable: no user or group names and ids; the files' own modes are kept.
    await pipeline(create({ gzip: true, cwd: stage, portable: true, mtime, noDirRecurse: true }, paths), createWriteStream(partial, { mode: 0o600, flush: true }));
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
