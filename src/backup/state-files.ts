// The data directory's other state, copied file by file: the Pulumi file backend (<data dir>/pulumi:
// stack checkpoints, and the workspace whose stack config holds the secrets salt), the notification
// dedupe state and the embedded emulator's state. The git clone and the status page are rebuilt by
// the daemon, so they stay out. No `pulumi stack export`: that needs the CLI, and the backend's
// files are the same checkpoints, each written whole by a rename.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface StateFile {
  path: string;
  data: Buffer;
  mode: number;
}

export interface CollectedState {
  files: StateFile[];
  pulumi: { included: boolean; note: string };
}

export const singleFiles = ["notify-state.json", "emulator-state.json"];

// Locks belong to the running update; history and backups are Pulumi's own archive of old checkpoints.
const skippedPulumiDirs = [".pulumi/locks", ".pulumi/history", ".pulumi/backups"];

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join("/");
    if (entry.isDirectory()) return skippedPulumiDirs.includes(rel) ? [] : listFiles(root, full);
    return entry.isFile() && !entry.name.endsWith(".tmp") ? [full] : [];
  });
}

function fingerprint(files: string[]): string {
  return files.map((file) => {
    try {
      const stat = statSync(file);
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return `${file}:gone`;
    }
  }).join("\n");
}

/** Reads a set of files until two passes agree (a writer mid-update otherwise mixes old and new). */
function readStable(root: string, pathPrefix: string, attempts = 5): StateFile[] {
  let files: StateFile[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const paths = listFiles(root);
    const before = fingerprint(paths);
    try {
      files = paths.map((full) => ({ path: `${pathPrefix}${relative(root, full).split(sep).join("/")}`, data: readFileSync(full), mode: statSync(full).mode & 0o777 }));
      const after = listFiles(root);
      if (fingerprint(after) === before && after.length === paths.length) return files;
    } catch {
      // a file vanished between listing and reading: look again
    }
  }
  return files;
}

function pulumiBackend(dataDir: string, env: NodeJS.ProcessEnv): { dir?: string; note: string } {
  const url = env.PULUMI_BACKEND_URL;
  const local = join(dataDir, "pulumi");
  if (url && !(url.startsWith("file://") && fileURLToPath(url) === local)) {
    const shown = url.replace(/\/\/[^/@]*@/, "//");
    return { note: `not included: the Pulumi backend is ${shown}, outside the data directory (back it up there, e.g. pulumi stack export)` };
  }
  if (!existsSync(local)) return { note: "not included: no Pulumi state in the data directory (native engine, or no pulumi run yet)" };
  return { dir: local, note: "included: the file backend's checkpoints and workspace, copied from <data dir>/pulumi (locks and Pulumi's own history left out)" };
}

export function collectState(dataDir: string, env: NodeJS.ProcessEnv): CollectedState {
  const files: StateFile[] = [];
  const backend = pulumiBackend(dataDir, env);
  if (backend.dir) files.push(...readStable(backend.dir, "pulumi/"));
  for (const name of singleFiles) {
    const full = join(dataDir, name);
    if (existsSync(full)) files.push({ path: name, data: readFileSync(full), mode: statSync(full).mode & 0o777 });
  }
  return { files, pulumi: { included: backend.dir !== undefined, note: backend.note } };
}
