// The data directory (clone, history, page, Pulumi backend): created at start-up, or a clear
// error that names it, instead of a bare ENOTDIR.
import { mkdir } from "node:fs/promises";
import { fileSystemReason } from "../history/index.ts";
import { CfGitopsError } from "../shared/errors.ts";

export async function ensureDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new CfGitopsError(`cannot create the data directory ${dir}: ${fileSystemReason(error)}`, {
      cause: error,
      hint: "choose a writable directory with --data-dir or CFGITOPS_DATA_DIR",
    });
  }
}
