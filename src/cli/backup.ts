// cf-gitops backup: one file holding the history database, the Pulumi file backend and a manifest.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { backupFileName, createBackup, pruneBackups } from "../backup/index.ts";
import { UsageError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import { defaultDataDir } from "./daemon-support.ts";
import type { CliIo } from "./io.ts";

export const help = `cf-gitops backup: a consistent snapshot of the daemon's state, safe while it runs.

Usage: cf-gitops backup --out FILE|DIR/ [--data-dir DIR] [--keep N]

Writes one .tar.gz file (readable with tar) holding:
  manifest.json     versions (tool, history schema, node) and a SHA-256 per file
  history.sqlite    the run history, copied with SQLite's online backup
  pulumi/           the Pulumi file backend's checkpoints and workspace, when the data directory has one
  notify-state.json, emulator-state.json   when present
The git clone and the status page are left out: the daemon rebuilds them.

Flags:
  --out FILE|DIR/   the backup file; an existing directory (or a path ending in /) gets
                    cf-gitops-backup-<UTC time>.tar.gz inside it
  --data-dir DIR    the daemon's data directory (default: $CFGITOPS_DATA_DIR or .cf-gitops)
  --keep N          with a directory: then delete all but the newest N backups in it

Restore with: cf-gitops restore FILE --data-dir DIR
`;

function keepCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--keep must be a whole number of at least 1; got "${value}"`);
  return keep;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { out: { type: "string" }, "data-dir": { type: "string" }, keep: { type: "string" } }, "backup");
  if (!values.out) throw new UsageError("--out is required", { hint: "cf-gitops backup --out /var/backups/cf-gitops/" });
  const keep = keepCount(values.keep);
  const out = resolve(io.cwd, values.out);
  const toDirectory = values.out.endsWith("/") || (existsSync(out) && statSync(out).isDirectory());
  if (keep !== undefined && !toDirectory) throw new UsageError("--keep needs --out to be a directory", { hint: "end the path with / (the directory is created if needed)" });
  const now = new Date();
  const file = toDirectory ? join(out, backupFileName(now)) : out;
  const dataDir = resolve(io.cwd, values["data-dir"] ?? defaultDataDir(io));
  const manifest = await createBackup({ dataDir, file, env: io.env, now });
  const size = statSync(file).size;
  io.stdout.write(`backup written: ${file} (${(size / 1024).toFixed(1)} KiB)\n`);
  io.stdout.write(`  history: ${manifest.history.runs} run(s), last #${manifest.history.lastRunId ?? "-"}, schema version ${manifest.history.schemaVersion}\n`);
  io.stdout.write(`  pulumi:  ${manifest.pulumi.note}\n`);
  io.stdout.write(`  files:   ${manifest.files.length}, cf-gitops ${manifest.tool.version}, node ${manifest.node}${manifest.daemonPid ? `, taken while daemon pid ${manifest.daemonPid} ran` : ""}\n`);
  if (keep !== undefined) {
    const deleted = pruneBackups(out, keep);
    if (deleted.length > 0) io.stdout.write(`  pruned:  ${deleted.join(", ")} (keeping the newest ${keep})\n`);
  }
  return 0;
}
