// Before init or import overwrites a file (--force), a file whose content git does not have (never
// committed, or changed since) is copied aside first, and the copy's path is printed: "git keeps the
// old version" is only true of committed files (issue 23).
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";

/** Where copies go, under the repository (the data directory, which .gitignore leaves out). */
export const keptCopiesDir = ".cf-gitops/overwritten";

/** Of `files` (absolute paths that exist), those git has no committed copy of: all of them outside a git checkout. */
export async function uncommittedFiles(files: string[], cwd: string): Promise<string[]> {
  if (files.length === 0) return [];
  try {
    const { stdout } = await promisify(execFile)("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", ...files], { cwd, timeout: 10_000 });
    const top = (await promisify(execFile)("git", ["rev-parse", "--show-toplevel"], { cwd, timeout: 10_000 })).stdout.trim();
    const listed = new Set(stdout.split("\0").filter((entry) => entry.length > 3).map((entry) => join(top, entry.slice(3))));
    return files.filter((file) => listed.has(file));
  } catch {
    return files; // not a git checkout (or no git): nothing is committed
  }
}

/** Copies each file to <root>/.cf-gitops/overwritten/<time>/<its path>; returns "path -> copy" lines to print. */
export async function keepCopies(files: string[], root: string, cwd: string, now = new Date()): Promise<string[]> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const lines: string[] = [];
  for (const file of files) {
    const copy = join(root, keptCopiesDir, stamp, relative(root, file));
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(file, copy);
    lines.push(`${relative(cwd, file) || file} had changes git does not have; the old file is kept at ${relative(cwd, copy)}`);
  }
  return lines;
}

/** The --force hint: what happens to the files it overwrites. */
export const forceHint = `committed files stay in git's history; a file with changes not committed is copied to ${keptCopiesDir}/ first`;
