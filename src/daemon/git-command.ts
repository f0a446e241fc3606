// One git command, its output as text. Plain `git` (no client library): the daemon and each run's
// process use a handful of commands, and this keeps them cheap to load.
import { execFile } from "node:child_process";

export class GitCommandError extends Error {
  override name = "GitCommandError";
}

/** Runs git; rejects with git's first line of complaint. Never prompts for credentials. */
export function git(args: readonly string[], options: { cwd?: string; signal?: AbortSignal } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git", args,
      {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const reason = stderr.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? error.message;
        reject(new GitCommandError(`git ${args[0]}: ${reason}`, { cause: error }));
      },
    );
  });
}
