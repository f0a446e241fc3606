// The outcome recorded when a run's process could not report one (it crashed, was killed, or the
// daemon is shutting down), or when the run could not start (its commit could not be fetched).
import { AbortedError, CfGitopsError } from "../shared/errors.ts";
import type { RunJob } from "./run-job.ts";
import type { RunOutcome } from "./run-types.ts";

export function failedOutcome(job: Pick<RunJob, "runId" | "stackName" | "request" | "branch">, error: unknown): RunOutcome {
  const now = Date.now();
  const message = error instanceof CfGitopsError && error.hint ? `${error.message} (${error.hint})` : error instanceof Error ? error.message : String(error);
  return {
    runId: job.runId, stack: job.stackName, kind: job.request.kind, triggers: job.request.triggers,
    result: error instanceof AbortedError ? "interrupted" : "failure",
    startedAt: job.request.queuedAt, finishedAt: now, branch: job.branch, error: message, diagnostics: [], outcomes: [],
  };
}
