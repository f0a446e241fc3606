// The tracked repository: a working clone in the data directory, moved to whatever the branch
// points at now (force-pushes and rewritten history included).
import { existsSync } from "node:fs";
import { lstat, mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SimpleGit } from "simple-git";
import { CfGitopsError } from "../shared/errors.ts";

export interface CommitInfo {
  sha: string;
  author: string;
  message: string;
  date: string;
}

export interface GitSource {
  /** Path of the working clone; desired state is read from here. */
  readonly dir: string;
  readonly branch: string;
  /** Fetch and move the clone to the branch head. */
  sync(signal?: AbortSignal): Promise<CommitInfo>;
  /** The commit at the branch head on the remote without touching the clone (cheap poll). */
  remoteHead(): Promise<string | undefined>;
}

export class GitSourceError extends CfGitopsError {
  override name = "GitSourceError";
}

export interface GitSourceOptions {
  repo: string;
  branch: string;
  dataDir: string;
  /**
   * The running product's node_modules, linked into the clone so that custom policies
   * (policies/*.ts in the clone) can import packages wherever the data directory lives.
   */
  nodeModules?: string;
}

async function linkNodeModules(dir: string, target: string | undefined): Promise<void> {
  if (!target || !existsSync(target)) return;
  const link = join(dir, "node_modules");
  const present = await lstat(link).catch(() => undefined);
  if (!present) await symlink(target, link, "dir");
}

/** Where the working clone lives in a data directory. */
export function cloneDir(dataDir: string): string {
  return join(dataDir, "repo");
}

// Loaded on first use: a run's process that fetches in a worker thread never needs it itself.
async function simpleGit(dir?: string): Promise<SimpleGit> {
  const { simpleGit: create } = await import("simple-git");
  return dir === undefined ? create() : create(dir);
}

export function createGitSource(options: GitSourceOptions): GitSource {
  const dir = cloneDir(options.dataDir);
  const remoteRef = `refs/remotes/origin/${options.branch}`;
  let git: SimpleGit | undefined;

  async function ensureClone(): Promise<SimpleGit> {
    if (git) return git;
    if (!existsSync(join(dir, ".git"))) {
      await mkdir(dirname(dir), { recursive: true });
      await (await simpleGit()).clone(options.repo, dir, ["--no-checkout", "--origin", "origin"]);
    }
    git = await simpleGit(dir);
    await git.remote(["set-url", "origin", options.repo]);
    return git;
  }

  async function sync(signal?: AbortSignal): Promise<CommitInfo> {
    try {
      const client = await ensureClone();
      signal?.throwIfAborted();
      await client.fetch(["--prune", "--force", "origin", `+refs/heads/${options.branch}:${remoteRef}`]);
      signal?.throwIfAborted();
      await client.raw(["checkout", "--force", "-B", options.branch, remoteRef]);
      await client.raw(["clean", "-fdq"]);
      await linkNodeModules(dir, options.nodeModules);
      const log = await client.log({ maxCount: 1 });
      const head = log.latest;
      if (!head) throw new GitSourceError(`branch ${options.branch} has no commits`);
      return { sha: head.hash, author: head.author_name, message: head.message, date: head.date };
    } catch (error) {
      if (error instanceof GitSourceError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      throw new GitSourceError(`could not fetch ${options.branch} from ${options.repo}: ${text.split("\n")[0]}`, {
        cause: error,
        hint: "check that the repository path or URL is reachable and the branch exists",
      });
    }
  }

  async function remoteHead(): Promise<string | undefined> {
    const output = await (await simpleGit()).listRemote([options.repo, `refs/heads/${options.branch}`]);
    return output.split(/\s/)[0] || undefined;
  }

  return { dir, branch: options.branch, sync, remoteHead };
}
