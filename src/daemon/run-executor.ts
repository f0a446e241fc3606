// What a stack's queue does with one request: record the run as started (durable before any API
// call), settle its commit (fetched by the daemon, one fetch for every stack), run it in its own
// process, record each write as the run reports it and then the outcome, and hand the outcome to
// the post-run hooks.
import type { Logger } from "pino";
import type { EventHub } from "../status/event-stream.ts";
import type { Metrics } from "../status/metrics.ts";
import { runPostRunHooks, type PostRunHook } from "./after-run/post-run-hook.ts";
import type { CommitTracker } from "./commit-tracker.ts";
import { failedOutcome } from "./failed-outcome.ts";
import type { CommitInfo } from "./git-source.ts";
import type { HistoryWrites } from "./history-writes.ts";
import type { RunHooks, RunJob, RunJobFn } from "./run-job.ts";
import { defaultTokenEnv } from "./run-env.ts";
import type { RunExecutor, RunRequest } from "./run-queue.ts";
import type { RunOutcome, RunRecorder } from "./run-types.ts";
import type { StatusCache } from "./status-cache.ts";

export interface RunExecutorDeps {
  /** Everything of a job but what each run settles (its id, request, commit and token variable). */
  job: Omit<RunJob, "runId" | "request" | "commit" | "tokenEnv" | "otherTokenEnvs">;
  /** The commit a request runs at (may fetch). */
  commitFor(request: RunRequest): Promise<CommitInfo>;
  /** The stack's `api_token_env`, as the daemon last read the stack file. */
  tokenEnv(): string | undefined;
  /** Every stack's token variable (their `api_token_env`, and CLOUDFLARE_API_TOKEN for those without). */
  tokenEnvs?(): string[];
  /** Where a drift run's attribution starts reading the audit log (the previous drift or apply run). */
  attributionSince?(): string | undefined;
  recorder: RunRecorder;
  commits: CommitTracker;
  runJob: RunJobFn;
  metrics: Metrics;
  cache: StatusCache;
  events: EventHub;
  hooks: readonly PostRunHook[];
  /** Every history write goes through it: failures are logged, counted and shown, ends retried. */
  writes: HistoryWrites;
  /** A run that could not be recorded as started does not run; this queues it again later. */
  retryLater(request: RunRequest): void;
  log: Logger;
  /** Aborted when the daemon's shutdown grace period is over. */
  signal: AbortSignal;
}

/** A hook from the run's process must never throw into the IPC handler (the daemon would crash); its failure is logged and counted. */
function guarded<A extends unknown[]>(deps: RunExecutorDeps, runId: number, what: string, fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      deps.writes.attempt(deps.job.stackName, `the run's ${what}`, () => fn(...args), { runId });
    } catch {
      // logged, counted and shown by writes.attempt
    }
  };
}

export function createRunExecutor(deps: RunExecutorDeps): RunExecutor {
  const { log } = deps;
  return async (request) => {
    if (deps.commits.alreadyApplied(request)) {
      log.info({ stack: deps.job.stackName, commit: request.commit, triggers: request.triggers }, "commit already applied; no run");
      return;
    }
    deps.cache.invalidate();
    let runId: number;
    try {
      // Durable before any API call: a run that cannot be recorded does not run, and is queued again.
      runId = deps.writes.attempt(deps.job.stackName, "the run", () => deps.recorder.start({ stack: deps.job.stackName, kind: request.kind, triggers: request.triggers }), { kind: request.kind, triggers: request.triggers });
    } catch {
      deps.retryLater(request);
      return;
    }
    deps.events.broadcast({ type: "run-started", data: { id: runId, kind: request.kind, stack: deps.job.stackName } });
    log.info({ runId, kind: request.kind, triggers: request.triggers }, "run started");
    const hooks: RunHooks = {
      onCommit: guarded(deps, runId, "commit", (commit: CommitInfo) => {
        deps.commits.seen(commit.sha);
        deps.recorder.setCommit(runId, commit, deps.job.branch);
      }),
      onRequest: (r) => deps.metrics.cloudflareRequests.inc({ method: r.method, route: r.route, status: String(r.status) }),
      onPlan: guarded(deps, runId, "plan", (changes) => deps.recorder.planned(runId, changes)),
      onOutcome: guarded(deps, runId, "write outcome", (outcome) => deps.recorder.outcome(runId, outcome)),
    };
    const outcome = await run(deps, { runId, request }, hooks);
    deps.writes.finish(deps.job.stackName, runId, () => deps.recorder.finish(outcome));
    log.info({ runId, kind: outcome.kind, result: outcome.result, commit: outcome.commit?.sha }, "run finished");
    await runPostRunHooks(deps.hooks, outcome, log);
  };
}

async function run(deps: RunExecutorDeps, started: { runId: number; request: RunRequest }, hooks: RunHooks): Promise<RunOutcome> {
  const base = { ...deps.job, ...started };
  let job: RunJob;
  try {
    const commit = await deps.commitFor(started.request);
    const tokenEnv = deps.tokenEnv();
    const others = (deps.tokenEnvs?.() ?? []).filter((name) => name !== (tokenEnv ?? defaultTokenEnv));
    const since = started.request.kind === "drift" ? deps.attributionSince?.() : undefined;
    job = { ...base, commit, ...(tokenEnv ? { tokenEnv } : {}), ...(others.length > 0 ? { otherTokenEnvs: others } : {}), ...(since ? { attributionSince: since } : {}) };
    hooks.onCommit(commit);
  } catch (error) {
    return failedOutcome(base, error);
  }
  return deps.runJob(job, hooks, deps.signal).catch((error: unknown) => failedOutcome(job, error));
}
