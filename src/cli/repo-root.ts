// Which folder is the configuration repository, found the way git finds its own: from the current
// folder upward, the first one with a stacks/ (or a desired-state/) folder, stopping at the top of a
// git checkout. Run from desired-state/zones/, the commands still read the whole repository (issue 23).
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { CliIo } from "./io.ts";

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `cwd` with stacks/ or desired-state/, or undefined (none up to the checkout's top or /). */
export function findRepositoryRoot(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, "stacks")) || isDirectory(join(dir, "desired-state"))) return dir;
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

/**
 * The repository root for a command that reads it; says on stderr when it is not the current folder,
 * and when there is none ("run this from your configuration repository's root").
 */
export function repositoryRoot(io: CliIo): string {
  const found = findRepositoryRoot(io.cwd);
  if (found && found !== io.cwd) io.stderr.write(`cf-gitops: using the configuration repository at ${relative(io.cwd, found)}\n`);
  if (!found) io.stderr.write(`cf-gitops: no stacks/ or desired-state/ in ${io.cwd} or above it: run this from your configuration repository's root (npx cf-gitops init creates one)\n`);
  return found ?? io.cwd;
}
