// cf-gitops restore: puts a backup back into a stopped daemon's data directory, after proving it whole.
import { resolve } from "node:path";
import { readBackup, restoreBackup } from "../backup/index.ts";
import type { BackupManifest } from "../backup/index.ts";
import { UsageError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import { defaultDataDir } from "./daemon-support.ts";
import type { CliIo } from "./io.ts";

export const help = `cf-gitops restore: put a backup back into a stopped daemon's data directory.

Usage: cf-gitops restore FILE [--data-dir DIR] [--force] [--check]

Checks the whole file first, streaming (gzip and tar checksums, the manifest's format and versions, a
SHA-256 per file, SQLite's integrity check), and refuses a damaged, foreign or too-new backup, one
that unpacks to more than its manifest says or more than 2 GiB (a gzip bomb), and a data directory a
daemon is running on, changing nothing. Then writes the files into DIR.

Flags:
  --data-dir DIR   the daemon's data directory (default: $CFGITOPS_DATA_DIR or .cf-gitops)
  --force          DIR already holds state: move it aside into DIR/pre-restore-<time>/ and restore
  --check          only verify FILE and print its manifest; write nothing

After a restore, start the daemon: it re-clones the repository, rebuilds the status page, and
converges Cloudflare to the branch head with its start-up run. A run that was in progress when the
backup was taken shows as interrupted.
`;

function describe(manifest: BackupManifest): string {
  return [
    `  taken:   ${manifest.createdAt} by cf-gitops ${manifest.tool.version} on node ${manifest.node}`,
    `  history: ${manifest.history.runs} run(s), last #${manifest.history.lastRunId ?? "-"}, schema version ${manifest.history.schemaVersion}`,
    `  pulumi:  ${manifest.pulumi.note}`,
    `  files:   ${manifest.files.map((file) => file.path).join(", ")}`,
    "",
  ].join("\n");
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { "data-dir": { type: "string" }, force: { type: "boolean" }, check: { type: "boolean" } }, "restore");
  if (positionals.length !== 1) throw new UsageError("name one backup file", { hint: "cf-gitops restore /var/backups/cf-gitops/cf-gitops-backup-….tar.gz --data-dir /var/lib/cf-gitops" });
  const file = resolve(io.cwd, positionals[0]!);
  if (values.check) {
    io.stdout.write(`backup ${file} is whole\n${describe((await readBackup(file)).manifest)}`);
    return 0;
  }
  const dataDir = resolve(io.cwd, values["data-dir"] ?? defaultDataDir(io));
  const result = await restoreBackup({ file, dataDir, force: values.force ?? false });
  io.stdout.write(`restored ${file} into ${dataDir}: ${result.restored.join(", ")}\n${describe(result.manifest)}`);
  if (result.movedAside) io.stdout.write(`the state that was there before is in ${result.movedAside}\n`);
  return 0;
}
