// The daemon: keeps one stack's Cloudflare equal to the tracked branch, checks drift on a schedule,
// and serves status, metrics, history, the manual trigger and the GitHub webhook.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { loadStack } from "../desired-state/index.ts";
import type { StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import { historyFile, openHistory, secretsFromEnv, type HistoryStore } from "../history/index.ts";
import { AbortedError } from "../shared/errors.ts";
import { createMetrics, registerStack, type Metrics } from "../status/metrics.ts";
import type { CertificateStatus } from "../status/model.ts";
import { createStatusServer, type StatusServer } from "../status/server.ts";
import { createGitSource, type GitSource } from "./git-source.ts";
import { runPipeline } from "./pipeline.ts";
import { currentStatus, recordRunMetrics, writeSite } from "./publish.ts";
import { createRunQueue, type RunQueue, type Trigger } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";
import { historyRecorder } from "./history-recorder.ts";
import { refreshCertificates } from "./certificates.ts";
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
  /** Built by the CLI: the core never imports an engine adapter. */
  engineFor(stack: StackConfig, metrics: Metrics): Engine;
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

async function resolveStack(source: GitSource, name: string | undefined, log: Logger): Promise<StackConfig | undefined> {
  try {
    await source.sync();
    return (await loadStack(source.dir, name)).stack;
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not read the stack at start-up; will retry on the first run");
    return undefined;
  }
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { log, env } = options;
  await mkdir(options.dataDir, { recursive: true });
  const history = openHistory(historyFile(options.dataDir), { secrets: secretsFromEnv(env) });
  const interrupted = history.markRunningAsInterrupted();
  const metrics = createMetrics();
  const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));
  const source = createGitSource({ repo: options.repo, branch: options.branch, dataDir: options.dataDir, nodeModules });
  let stack = await resolveStack(source, options.stackName, log);
  const stackName = stack?.name ?? options.stackName ?? "default";
  registerStack(metrics, stackName);
  if (stack?.history.retention_days) history.prune({ keepDays: stack.history.retention_days });

  const shutdown = new AbortController();
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
        engine: stack?.engine ?? "native",
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
    if (outcome.stackConfig && JSON.stringify(outcome.stackConfig.schedules) !== JSON.stringify(stack?.schedules)) {
      stack = outcome.stackConfig;
      restartSchedules();
    }
    stack = outcome.stackConfig ?? stack;
    if (stack && checkCertificates && outcome.kind === "apply" && outcome.result === "success" && !certificateCheck) {
      // In the background: handshakes to many hosts must not delay the page or the next run.
      certificateCheck = refreshCertificates(source.dir, stack, metrics, certificates)
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
      const outcome = await runPipeline(request, {
        stackName, source, recorder, timeouts, log, signal: shutdown.signal,
        engineFor: (config) => options.engineFor(config, metrics),
      });
      await afterRun(outcome);
    },
    (depth) => metrics.queueDepth.set({ stack: stackName }, depth),
  );

  function restartSchedules(): void {
    schedules?.stop();
    if (!stack) return;
    schedules = startSchedules({
      drift: stack.schedules.drift,
      ...(stack.schedules.reapply ? { reapply: stack.schedules.reapply } : {}),
      pollSeconds: options.pollSeconds ?? stack.poll_interval,
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
