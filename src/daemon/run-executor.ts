// What the queue does with one request: record the run as started (durable before any API call),
// run it in its own process, record the outcome, then hand it to the post-run hooks.
import type { Logger } from "pino";
import type { EventHub } from "../status/event-stream.ts";
import type { Metrics } from "../status/metrics.ts";
import { runPostRunHooks, type PostRunHook } from "./after-run/post-run-hook.ts";
import type { CommitTracker } from "./commit-tracker.ts";
import { failedOutcome } from "./failed-outcome.ts";
import type { CommitInfo } from "./git-source.ts";
import type { CloudflareRequest, RunJob, RunJobFn } from "./run-job.ts";
import type { RunExecutor } from "./run-queue.ts";
import type { RunRecorder } from "./run-types.ts";
import type { StatusCache } from "./status-cache.ts";

export interface RunExecutorDeps {
  /** Everything of a job but the run id and the request. */
  job: Omit<RunJob, "runId" | "request">;
  recorder: RunRecorder;
  commits: CommitTracker;
  runJob: RunJobFn;
  metrics: Metrics;
  cache: StatusCache;
  events: EventHub;
  hooks: readonly PostRunHook[];
  log: Logger;
  /** Aborted when the daemon's shutdown grace period is over. */
  signal: AbortSignal;
}

export function createRunExecutor(deps: RunExecutorDeps): RunExecutor {
  return async (request) => {
    if (deps.commits.alreadyApplied(request)) {
      deps.log.info({ commit: request.commit, triggers: request.triggers }, "commit already applied; no run");
      return;
    }
    deps.cache.invalidate();
    deps.events.broadcast({ type: "run-started", data: { kind: request.kind } });
    const runId = deps.recorder.start({ stack: deps.job.stackName, kind: request.kind, triggers: request.triggers });
    const job: RunJob = { ...deps.job, runId, request };
    const hooks = {
      onCommit: (commit: CommitInfo) => {
        deps.commits.seen(commit.sha);
        deps.recorder.setCommit(runId, commit, job.branch);
      },
      onRequest: (r: CloudflareRequest) => deps.metrics.cloudflareRequests.inc({ method: r.method, route: r.route, status: String(r.status) }),
    };
    const outcome = await deps.runJob(job, hooks, deps.signal).catch((error: unknown) => failedOutcome(job, error));
    deps.recorder.finish(outcome);
    await runPostRunHooks(deps.hooks, outcome, deps.log);
  };
}
