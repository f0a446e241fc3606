// The daemon: keeps one stack's Cloudflare equal to the tracked branch, checks drift on a schedule,
// and serves status, metrics, history, the manual trigger and the GitHub webhook.
import { mkdir } from "node:fs/promises";
import { dependenciesDir } from "../shared/module-paths.ts";
import type { Logger } from "pino";
import { chooseStack, stackDefaults, stackNames } from "../desired-state/stack-files.ts";
import type { StackConfig } from "../desired-state/types.ts";
import { historyFile, openHistory, secretsFromEnv, type HistoryStore } from "../history/index.ts";
import { AbortedError } from "../shared/errors.ts";
import { createMetrics, registerStack, type Metrics } from "../status/metrics.ts";
import type { CertificateStatus } from "../status/model.ts";
import { createStatusServer, type StatusServer } from "../status/server.ts";
import { createGitSource, type CommitInfo, type GitSource } from "./git-source.ts";
import { currentStatus, recordRunMetrics, writeSite } from "./publish.ts";
import { createRunQueue, type RunQueue, type Trigger } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";
import { historyRecorder } from "./history-recorder.ts";
import { checkCertificates as checkCertificateTargets } from "../status/certificates.ts";
import { failedOutcome } from "./failed-outcome.ts";
import type { CloudflareRequest, RunJobFn } from "./run-job.ts";
import { createRunNotifier } from "./notifications.ts";
import { startSchedules, type Schedules } from "./schedules.ts";
import { defaultStageTimeouts, type StageTimeouts } from "./stage.ts";

export interface DaemonOptions {
  repo: string;
  branch: string;
  stackName?: string;
  dataDir: string;
  host?: string;
  port: number;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Runs one pipeline pass (in a child process); built by the CLI, which owns the engines. */
  runJob: RunJobFn;
  /** Forces an engine for every run (the embedded default uses native). */
  engine?: "native" | "pulumi";
  /** Look up certificate expiry (TLS handshakes); off in tests that have no TLS endpoints. */
  certificateChecks?: boolean;
  timeouts?: Partial<StageTimeouts>;
  /** Overrides the stack's poll_interval (the embedded default polls its local clone often). */
  pollSeconds?: number;
  /** Seconds SIGTERM waits for the current stage before cancelling it. */
  shutdownGraceSeconds?: number;
}

export interface RunningDaemon {
  url: string;
  stack: string;
  history: HistoryStore;
  metrics: Metrics;
  queue: RunQueue;
  enqueue(kind: "apply" | "drift", trigger: Trigger): void;
  stop(): Promise<void>;
}

/** The stack this daemon runs, from the file names in the clone (no parsing here). */
async function resolveStackName(source: GitSource, requested: string | undefined, log: Logger): Promise<string> {
  try {
    await source.sync();
    return chooseStack((await stackNames(source.dir)) ?? [], requested) ?? requested ?? "default";
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not fetch the repository at start-up; will retry on the first run");
    return requested ?? "default";
  }
}

function scheduleKey(stack: StackConfig | undefined): string {
  return JSON.stringify([stack?.schedules, stack?.poll_interval]);
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { log, env } = options;
  await mkdir(options.dataDir, { recursive: true });
  const history = openHistory(historyFile(options.dataDir), { secrets: secretsFromEnv(env) });
  const interrupted = history.markRunningAsInterrupted();
  const metrics = createMetrics();
  const source = createGitSource({ repo: options.repo, branch: options.branch, dataDir: options.dataDir, nodeModules: dependenciesDir() });
  const stackName = await resolveStackName(source, options.stackName, log);
  registerStack(metrics, stackName);
  // The stack's settings arrive with each run's outcome (runs parse it); until then, the defaults.
  let stack: StackConfig | undefined;

  const shutdown = new AbortController();
  let stopping = false;
  let lastSeenCommit: string | undefined;
  let certificates: CertificateStatus[] = [];
  // Hostnames behind the local emulator are not served anywhere: no handshakes against them.
  const checkCertificates = options.certificateChecks ?? !/^https?:\/\/(127\.|localhost|\[::1\])/.test(env.CLOUDFLARE_BASE_URL ?? "");
  let certificateCheck: Promise<void> | undefined;
  const notify = createRunNotifier({ env, dataDir: options.dataDir, log, repoUrl: options.repo });
  let schedules: Schedules | undefined;
  const timeouts = { ...defaultStageTimeouts, ...options.timeouts };
  const recorder = historyRecorder(history);

  // The model is rebuilt when a run starts or ends, or after a few seconds (ages, next check):
  // not per request, so /api/status and the page stay fast under load.
  let cachedStatus: { model: ReturnType<typeof currentStatus>; at: number } | undefined;
  const invalidateStatus = () => (cachedStatus = undefined);
  const status = () => {
    if (cachedStatus && Date.now() - cachedStatus.at < 5_000) return cachedStatus.model;
    cachedStatus = { model: buildStatus(), at: Date.now() };
    return cachedStatus.model;
  };
  const buildStatus = () =>
    currentStatus({
      history,
      certificates: () => certificates,
      stackInfo: () => ({
        name: stackName,
        branch: options.branch,
        engine: options.engine ?? stack?.engine ?? stackDefaults.engine,
        queueDepth: queue.depth(),
        nextChecks: nextChecks(),
      }),
    });

  function nextChecks() {
    const next = schedules?.nextDriftCheck();
    return next ? [{ kind: "drift" as const, at: next.toISOString() }] : [];
  }

  async function afterRun(outcome: RunOutcome): Promise<void> {
    if (outcome.commit) lastSeenCommit = outcome.commit.sha;
    else if (outcome.result === "failure") metrics.gitFetchErrors.inc({ stack: stackName });
    recordRunMetrics(metrics, outcome);
    invalidateStatus();
    if (outcome.stackConfig) {
      const changed = scheduleKey(outcome.stackConfig) !== scheduleKey(stack);
      stack = outcome.stackConfig;
      if (changed) restartSchedules();
      history.prune({ keepDays: stack.history.retention_days });
    }
    const targets = outcome.certificateTargets;
    if (targets && checkCertificates && !certificateCheck) {
      // In the background: handshakes to many hosts must not delay the page or the next run.
      certificateCheck = checkCertificateTargets(targets, metrics)
        .then((found) => {
          certificates = found;
          invalidateStatus();
        })
        .finally(() => (certificateCheck = undefined));
    }
    const model = status();
    await writeSite(options.dataDir, model, log);
    server.broadcast({ type: "run", data: { id: outcome.runId, result: outcome.result, kind: outcome.kind } });
    await notify(outcome, stack, `${server.url}/`).catch((error: unknown) => log.warn({ err: String(error) }, "notification failed"));
    const drifted = outcome.kind === "drift" && outcome.result === "success" && (outcome.drift?.length ?? 0) > 0;
    if (drifted && stack?.drift_remediation === "apply") queue.enqueue("apply", outcome.triggers[0] ?? "schedule");
  }

  const queue = createRunQueue(
    async (request) => {
      invalidateStatus();
      server.broadcast({ type: "run-started", data: { kind: request.kind } });
      const runId = recorder.start({ stack: stackName, kind: request.kind, triggers: request.triggers });
      const job = { runId, request, stackName, repo: options.repo, branch: options.branch, dataDir: options.dataDir, timeouts, logLevel: log.level, ...(options.engine ? { engine: options.engine } : {}) };
      const hooks = {
        onCommit: (commit: CommitInfo) => recorder.setCommit(runId, commit, options.branch),
        onRequest: (r: CloudflareRequest) => metrics.cloudflareRequests.inc({ method: r.method, route: r.route, status: String(r.status) }),
      };
      const outcome = await options.runJob(job, hooks, shutdown.signal).catch((error: unknown) => failedOutcome(job, error));
      recorder.finish(outcome);
      await afterRun(outcome);
    },
    (depth) => metrics.queueDepth.set({ stack: stackName }, depth),
  );

  function restartSchedules(): void {
    schedules?.stop();
    // A run that ends during shutdown brings its stack's schedules: they must not start again.
    if (stopping) return;
    schedules = startSchedules({
      drift: stack?.schedules.drift ?? stackDefaults.drift_schedule,
      ...(stack?.schedules.reapply ? { reapply: stack.schedules.reapply } : {}),
      pollSeconds: options.pollSeconds ?? stack?.poll_interval ?? stackDefaults.poll_interval,
      pollChanged: async () => {
        const head = await source.remoteHead();
        return head !== undefined && head !== lastSeenCommit;
      },
      enqueue: (kind, trigger) => queue.enqueue(kind, trigger),
      onPollError: (error) => {
        metrics.gitFetchErrors.inc({ stack: stackName });
        log.warn({ err: error instanceof Error ? error.message : String(error) }, "git poll failed");
      },
    });
  }

  // Runs start only after the server exists (the first enqueue is below), so closures may use it.
  const server: StatusServer = await createStatusServer({
    host: options.host ?? "127.0.0.1",
    port: options.port,
    metrics,
    history,
    log,
    getStatus: status,
    isReady: () => !shutdown.signal.aborted,
    adminToken: env.CFGITOPS_ADMIN_TOKEN,
    webhookSecret: env.CFGITOPS_WEBHOOK_SECRET,
    onReconcile: (request) => ({ queued: true, kind: request.kind, ...queue.enqueue(request.kind, "manual") }),
    onPush: (event) => {
      if (event.branch !== options.branch) return { accepted: false, reason: `not the tracked branch ${options.branch}` };
      if (event.deleted) return { accepted: false, reason: "branch deletion is ignored" };
      queue.enqueue("apply", "webhook", event.after);
      return { accepted: true };
    },
  });
  restartSchedules();
  await writeSite(options.dataDir, status(), log);
  queue.enqueue("apply", interrupted.length > 0 ? "recovery" : "startup");
  if (interrupted.length > 0) log.warn({ runs: interrupted.map((run) => run.id) }, "runs interrupted by a crash were marked; a fresh run is queued");

  async function stop(): Promise<void> {
    stopping = true;
    schedules?.stop();
    const grace = (options.shutdownGraceSeconds ?? 20) * 1000;
    const timer = setTimeout(() => shutdown.abort(new AbortedError("daemon shutting down")), grace);
    await queue.close();
    clearTimeout(timer);
    shutdown.abort();
    await server.close();
    history.close();
  }

  return {
    url: server.url,
    stack: stackName,
    history,
    metrics,
    queue,
    enqueue: (kind, trigger) => void queue.enqueue(kind, trigger),
    stop,
  };
}
