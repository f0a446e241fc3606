// The tracked repository: one clone in the data directory, shared by every stack. The daemon fetches
// it (one fetch serves all stacks, force-pushes and rewritten history included) and reads commits
// from its object store; each run checks its commit out in its stack's own worktree
// (worktree-source.ts), so runs of different stacks never share a working tree.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stackNamesFrom, tokenEnvIn } from "../desired-state/stack-files.ts";
import { CfGitopsError } from "../shared/errors.ts";
import { git } from "./git-command.ts";

export interface CommitInfo {
  sha: string;
  author: string;
  message: string;
  date: string;
}

/** What a run's pipeline reads its commit from. */
export interface GitSource {
  /** Path of the checkout; desired state is read from here. */
  readonly dir: string;
  readonly branch: string;
  /** Puts the run's commit in the checkout and says which it is. */
  sync(signal?: AbortSignal): Promise<CommitInfo>;
}

export class GitSourceError extends CfGitopsError {
  override name = "GitSourceError";
}

/** A stack file at a commit, as the daemon sees it without parsing it. */
export interface StackFileRef {
  name: string;
  /** `api_token_env`, when the file names one. */
  tokenEnv?: string;
}

export interface RepoMirror {
  readonly dir: string;
  readonly branch: string;
  /** Fetches the branch (cloning on first use) and returns its head. Moves no working tree. */
  fetch(signal?: AbortSignal): Promise<CommitInfo>;
  /** The branch head on the remote, without fetching (a cheap poll). */
  remoteHead(): Promise<string | undefined>;
  /** Paths that differ between two commits; undefined when git cannot tell (then assume everything). */
  changedFiles(from: string, to: string): Promise<string[] | undefined>;
  /** The stacks in stacks/ at a commit. */
  stackFiles(commit: string): Promise<StackFileRef[]>;
}

export interface RepoMirrorOptions {
  repo: string;
  branch: string;
  dataDir: string;
}

/** Where the shared clone lives in a data directory. */
export function cloneDir(dataDir: string): string {
  return join(dataDir, "repo");
}

const commitFormat = "%H%x00%an%x00%aI%x00%s";

export async function readCommit(dir: string, ref: string): Promise<CommitInfo> {
  const [sha = "", author = "", date = "", message = ""] = (await git(["log", "-1", `--format=${commitFormat}`, ref, "--"], { cwd: dir })).trimEnd().split("\0");
  return { sha, author, message, date };
}

export function createRepoMirror(options: RepoMirrorOptions): RepoMirror {
  const dir = cloneDir(options.dataDir);
  const remoteRef = `refs/remotes/origin/${options.branch}`;
  let ready: Promise<void> | undefined;

  async function ensureClone(): Promise<void> {
    if (!existsSync(join(dir, ".git"))) {
      await mkdir(dirname(dir), { recursive: true });
      await git(["clone", "--no-checkout", "--origin", "origin", options.repo, dir]);
    }
    await git(["remote", "set-url", "origin", options.repo], { cwd: dir });
  }

  async function fetch(signal?: AbortSignal): Promise<CommitInfo> {
    try {
      ready ??= ensureClone().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      await ready;
      signal?.throwIfAborted();
      await git(["fetch", "--prune", "--force", "--no-tags", "origin", `+refs/heads/${options.branch}:${remoteRef}`], { cwd: dir, ...(signal ? { signal } : {}) });
      const head = await readCommit(dir, remoteRef);
      if (!head.sha) throw new GitSourceError(`branch ${options.branch} has no commits`);
      return head;
    } catch (error) {
      if (error instanceof GitSourceError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      throw new GitSourceError(`could not fetch ${options.branch} from ${options.repo}: ${text.split("\n")[0]}`, {
        cause: error,
        hint: "check that the repository path or URL is reachable and the branch exists",
      });
    }
  }

  // A stack file's token variable, by the file's blob id: most fetches change no stack file, and
  // then listing the folder (one git command) is all it takes.
  const tokenEnvByBlob = new Map<string, string | undefined>();
  async function stackFiles(commit: string): Promise<StackFileRef[]> {
    const entries = (await git(["ls-tree", "-z", commit, "stacks/"], { cwd: dir })).split("\0").filter(Boolean).map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      return { blob: meta.split(" ")[2] ?? "", file: path.slice("stacks/".length) };
    });
    return Promise.all(stackNamesFrom(entries.map((entry) => entry.file)).map(async (name) => {
      const entry = entries.find((candidate) => candidate.file === `${name}.yaml`) ?? entries.find((candidate) => candidate.file === `${name}.yml`);
      if (entry && !tokenEnvByBlob.has(entry.blob)) tokenEnvByBlob.set(entry.blob, tokenEnvIn(await git(["cat-file", "blob", entry.blob], { cwd: dir }).catch(() => "")));
      const tokenEnv = entry ? tokenEnvByBlob.get(entry.blob) : undefined;
      return { name, ...(tokenEnv ? { tokenEnv } : {}) };
    }));
  }

  return {
    dir,
    branch: options.branch,
    fetch,
    async remoteHead() {
      const output = await git(["ls-remote", options.repo, `refs/heads/${options.branch}`]);
      return output.split(/\s/)[0] || undefined;
    },
    async changedFiles(from, to) {
      try {
        return (await git(["diff", "--name-only", "--no-renames", "-z", from, to, "--"], { cwd: dir })).split("\0").filter(Boolean);
      } catch {
        return undefined;
      }
    },
    stackFiles,
  };
}
