// A run's checkout: its stack's own git worktree of the shared clone, moved to the commit the daemon
// chose. Worktrees share the clone's objects (one fetch serves every stack) and keep runs of
// different stacks, which may overlap, out of each other's files.
import { existsSync } from "node:fs";
import { lstat, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { git } from "./git-command.ts";
import { cloneDir, GitSourceError, type CommitInfo, type GitSource } from "./git-source.ts";

export interface WorktreeOptions {
  dataDir: string;
  stack: string;
  branch: string;
  commit: CommitInfo;
  /**
   * The running product's node_modules, linked into the checkout so that custom policies
   * (policies/*.ts) can import packages wherever the data directory lives.
   */
  nodeModules?: string;
}

/** <data dir>/worktrees/<stack>; a name that is not a plain file name gets a hash instead. */
export function worktreeDir(dataDir: string, stack: string): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stack) ? stack : `stack-${createHash("sha256").update(stack).digest("hex").slice(0, 16)}`;
  return join(dataDir, "worktrees", safe);
}

async function linkNodeModules(dir: string, target: string | undefined): Promise<void> {
  if (!target || !existsSync(target)) return;
  const link = join(dir, "node_modules");
  const present = await lstat(link).catch(() => undefined);
  if (!present) await symlink(target, link, "dir");
}

export function createWorktreeSource(options: WorktreeOptions): GitSource {
  const dir = worktreeDir(options.dataDir, options.stack);
  const clone = cloneDir(options.dataDir);
  const { sha } = options.commit;

  async function recreate(signal?: AbortSignal): Promise<void> {
    await rm(dir, { recursive: true, force: true });
    await git(["worktree", "prune"], { cwd: clone });
    await git(["worktree", "add", "--detach", "--force", dir, sha], { cwd: clone, ...(signal ? { signal } : {}) });
  }

  async function sync(signal?: AbortSignal): Promise<CommitInfo> {
    try {
      if (!existsSync(join(dir, ".git"))) await recreate(signal);
      else {
        // A worktree whose clone was replaced (a restored data directory) cannot check out: make it again.
        await git(["checkout", "--force", "--detach", sha], { cwd: dir, ...(signal ? { signal } : {}) }).catch(() => recreate(signal));
      }
      await git(["clean", "-fdq"], { cwd: dir });
      await linkNodeModules(dir, options.nodeModules);
      return options.commit;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      throw new GitSourceError(`could not check out commit ${sha.slice(0, 7)} for stack ${options.stack}: ${text.split("\n")[0]}`, {
        cause: error,
        hint: `the daemon's clone is ${clone}; removing it (and ${join(options.dataDir, "worktrees")}) makes the daemon clone again`,
      });
    }
  }

  return { dir, branch: options.branch, sync };
}
