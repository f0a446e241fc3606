// A run's first git sync, in a worker thread (daemon-run-child.ts): git's commands chain through
// this thread's event loop, so they keep going while the run's main thread is busy loading modules.
import { parentPort, workerData } from "node:worker_threads";
import { createGitSource, type GitSourceOptions } from "../daemon/git-source.ts";
import { CfGitopsError } from "../shared/errors.ts";

export type GitWorkerResult = { ok: true; commit: Awaited<ReturnType<ReturnType<typeof createGitSource>["sync"]>> } | { ok: false; message: string; hint?: string };

try {
  const commit = await createGitSource(workerData as GitSourceOptions).sync();
  parentPort!.postMessage({ ok: true, commit } satisfies GitWorkerResult);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  parentPort!.postMessage({ ok: false, message, ...(error instanceof CfGitopsError && error.hint ? { hint: error.hint } : {}) } satisfies GitWorkerResult);
}
