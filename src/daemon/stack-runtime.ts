// Everything the daemon keeps for one stack: its FIFO queue (waiting for a shared run slot), the
// commits it has seen and applied, its settings and cron schedules, its notifier and post-run
// hooks, and the executor that runs its requests. What all stacks share (history, metrics, the
// page, the branch sync, the run slots) comes in as `shared`.
import type { Logger } from "pino";
import type { HistoryStore } from "../history/index.ts";
import type { DedupeStore } from "../notify/dedupe.ts";
import type { EventHub } from "../status/event-stream.ts";
import type { Metrics } from "../status/metrics.ts";
import type { StackInfo } from "../status/model.ts";
import { postRunHooks } from "./after-run/index.ts";
import type { BranchSync, StackTarget } from "./branch-sync.ts";
import type { CertificateWatch } from "./certificate-watch.ts";
import { createCommitTracker, type CommitTracker } from "./commit-tracker.ts";
import type { CommitInfo } from "./git-source.ts";
import { attributionWindowStart, historyRecorder } from "./history-recorder.ts";
import type { HistoryWrites } from "./history-writes.ts";
import { createRunNotifier } from "./notifications.ts";
import { createRunExecutor } from "./run-executor.ts";
import type { RunJobFn } from "./run-job.ts";
import { createRunQueue, type RunQueue, type RunRequest } from "./run-queue.ts";
import type { RunSlots } from "./run-slots.ts";
import { createScheduleControl } from "./schedule-control.ts";
import { createStackSettings, type StackSettings } from "./stack-settings.ts";
import type { StageTimeouts } from "./stage.ts";
import type { StatusCache } from "./status-cache.ts";

export interface StackRuntime extends StackTarget {
  queue: RunQueue;
  commits: CommitTracker;
  settings: StackSettings;
  /** `api_token_env` as the daemon last read the stack file. */
  tokenEnv: string | undefined;
  info(): StackInfo;
  pollSeconds(): number;
  /** No more schedules or runs; resolves when the running one (if any) has finished. */
  close(): Promise<void>;
  /** The stack left the repository: closed, and its live series and certificates forgotten. */
  retire(): void;
}

export interface SharedParts {
  repoUrl: string;
  branch: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  history: HistoryStore;
  metrics: Metrics;
  events: EventHub;
  cache: StatusCache;
  certificates: CertificateWatch;
  notifyStore: DedupeStore;
  slots: RunSlots;
  sync: BranchSync;
  runJob: RunJobFn;
  /** History writes, shared by every stack: failures logged, counted and shown; run ends retried. */
  writes: HistoryWrites;
  timeouts: StageTimeouts;
  statusUrl: string;
  engine?: "native" | "pulumi";
  /** The policy floor's absolute path, passed to every run. */
  policyFloor?: string;
  /** Every stack's token variable: each run's environment drops the others'. */
  tokenEnvs(): string[];
  pollSeconds?: number;
  /** Aborted when the daemon's shutdown grace period is over. */
  signal: AbortSignal;
  /** A stack's poll interval may have changed. */
  onSchedules(): void;
}

// A scheduled run may use a head fetched this recently instead of fetching again (many stacks'
// drift checks fire at the same minute; one fetch serves them).
const scheduledReuseMs = 60_000;

function commitFinder(shared: SharedParts, commits: CommitTracker) {
  return async (request: RunRequest): Promise<CommitInfo> => {
    const known = shared.sync.head();
    const scheduled = request.triggers.every((trigger) => trigger === "schedule");
    // A request that names a commit was queued by a fetch: run at the newest head fetched since.
    if (known && (request.commit !== undefined || (scheduled && Date.now() - known.at < scheduledReuseMs))) return known.commit;
    // Else fetch now; an apply claims the head so the sync does not queue this stack again for it.
    return shared.sync.sync("poll", (head) => request.kind === "apply" && commits.seen(head.sha));
  };
}

/**
 * A request whose run could not be recorded as started is queued again after a pause: 5 s, doubling
 * while history stays unwritable (up to 5 minutes), so a locked database is not hammered.
 */
function retrier(queue: RunQueue, writes: HistoryWrites): (request: RunRequest) => void {
  let failures = 0;
  return (request) => {
    failures = writes.current() === undefined ? 0 : failures + 1;
    const timer = setTimeout(() => {
      for (const trigger of request.triggers) queue.enqueue(request.kind, trigger, request.commit);
    }, Math.min(5_000 * 2 ** failures, 300_000));
    timer.unref();
  };
}

export function createStackRuntime(name: string, shared: SharedParts): StackRuntime {
  const log = shared.log.child({ stack: name });
  const queue = createRunQueue({
    slots: shared.slots,
    onDepthChange: (depth) => shared.metrics.queueDepth.set({ stack: name }, depth),
    onError: (error, request) => log.error({ err: error instanceof Error ? error.message : String(error), kind: request.kind, triggers: request.triggers }, "a run failed outside its pipeline"),
  });
  const commits = createCommitTracker();
  const settings = createStackSettings({ ...(shared.engine ? { engine: shared.engine } : {}), ...(shared.pollSeconds ? { pollSeconds: shared.pollSeconds } : {}) });
  const schedules = createScheduleControl({ enqueue: (kind, trigger) => void queue.enqueue(kind, trigger) });
  const runtime: StackRuntime = {
    name, queue, commits, settings, tokenEnv: undefined,
    lastSeen: () => commits.lastSeen(),
    seen: (sha) => commits.seen(sha),
    config: () => settings.current(),
    enqueueApply: (trigger, commit) => void queue.enqueue("apply", trigger, commit),
    pollSeconds: () => settings.schedules().pollSeconds,
    info() {
      const next = schedules.nextDriftCheck();
      return {
        name, branch: shared.branch, engine: settings.engine(), queueDepth: queue.depth(),
        nextChecks: next ? [{ kind: "drift", at: next.toISOString() }] : [],
      };
    },
    close() {
      schedules.stop();
      return queue.close();
    },
    retire() {
      void runtime.close();
      shared.certificates.forget(name);
      shared.metrics.queueDepth.remove({ stack: name });
    },
  };
  const hooks = postRunHooks({
    commits, settings, schedules, queue, log,
    history: shared.history, metrics: shared.metrics, certificates: shared.certificates, cache: shared.cache, events: shared.events,
    notify: createRunNotifier({ env: shared.env, dataDir: shared.dataDir, log, repoUrl: shared.repoUrl, store: shared.notifyStore }),
    dataDir: shared.dataDir, statusUrl: shared.statusUrl, onSchedules: shared.onSchedules,
  });
  queue.start(
    createRunExecutor({
      job: { stackName: name, branch: shared.branch, dataDir: shared.dataDir, timeouts: shared.timeouts, logLevel: shared.log.level, ...(shared.engine ? { engine: shared.engine } : {}), ...(shared.policyFloor ? { policyFloor: shared.policyFloor } : {}) },
      commitFor: commitFinder(shared, commits),
      tokenEnv: () => runtime.tokenEnv,
      tokenEnvs: shared.tokenEnvs,
      attributionSince: () => attributionWindowStart(shared.history, name),
      recorder: historyRecorder(shared.history),
      commits, runJob: shared.runJob, metrics: shared.metrics, cache: shared.cache, events: shared.events, hooks, log, signal: shared.signal,
      writes: shared.writes, retryLater: retrier(queue, shared.writes),
    }),
  );
  schedules.apply(settings.schedules());
  return runtime;
}
