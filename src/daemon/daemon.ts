// The daemon: keeps one stack's Cloudflare equal to the tracked branch, checks drift on a schedule,
// and serves status, metrics, history, the manual trigger and the GitHub webhook.
//
// The parts are built in dependency order and nothing refers to a part built after it: the queue
// takes requests from the start but runs nothing until the executor is built, last. What happens
// after a run is the list of post-run hooks in after-run/index.ts.
import { dependenciesDir } from "../shared/module-paths.ts";
import type { Logger } from "pino";
import { chooseStack, stackNames } from "../desired-state/stack-files.ts";
import { historyFile, openHistory, secretsFromEnv, type HistoryStore } from "../history/index.ts";
import { AbortedError } from "../shared/errors.ts";
import { urlCredentials } from "../shared/redact.ts";
import { parseTrustedProxies } from "../status/client-address.ts";
import { createEventHub } from "../status/event-stream.ts";
import { createMetrics, registerStack, type Metrics } from "../status/metrics.ts";
import { buildStatusModel } from "../status/model.ts";
import { createStatusServer } from "../status/server.ts";
import { postRunHooks, writeSite } from "./after-run/index.ts";
import { certificateChecksWanted, createCertificateWatch } from "./certificate-watch.ts";
import { createCommitTracker } from "./commit-tracker.ts";
import { ensureDataDir } from "./data-dir.ts";
import { createGitSource, type GitSource } from "./git-source.ts";
import { historyRecorder } from "./history-recorder.ts";
import { createRunNotifier } from "./notifications.ts";
import { createRunExecutor } from "./run-executor.ts";
import type { RunJobFn } from "./run-job.ts";
import { createRunQueue, type DaemonRunKind, type Trigger } from "./run-queue.ts";
import { createScheduleControl } from "./schedule-control.ts";
import { createStackSettings } from "./stack-settings.ts";
import { defaultStageTimeouts, type StageTimeouts } from "./stage.ts";
import { onPush, onReconcile, pollHead } from "./triggers.ts";
import { createStatusCache } from "./status-cache.ts";

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
  /** The policy floor's absolute path, passed to every run (issue 11 item 9). */
  policyFloor?: string;
}

export interface RunningDaemon {
  url: string;
  stack: string;
  history: HistoryStore;
  metrics: Metrics;
  enqueue(kind: DaemonRunKind, trigger: Trigger): void;
  /** Resolves when no run is running or queued. */
  idle(): Promise<void>;
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

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { log, env, dataDir, branch } = options;
  await ensureDataDir(dataDir);
  const history = openHistory(historyFile(dataDir), { secrets: [...secretsFromEnv(env), ...urlCredentials(options.repo)] });
  const interrupted = history.markRunningAsInterrupted();
  const metrics = createMetrics();
  const source = createGitSource({ repo: options.repo, branch, dataDir, nodeModules: dependenciesDir() });
  const stackName = await resolveStackName(source, options.stackName, log);
  registerStack(metrics, stackName);

  const shutdown = new AbortController();
  const settings = createStackSettings({ ...(options.engine ? { engine: options.engine } : {}), ...(options.pollSeconds ? { pollSeconds: options.pollSeconds } : {}) });
  const events = createEventHub({ heartbeatMs: 15_000, maxClients: 50 });
  const queue = createRunQueue({ onDepthChange: (depth) => metrics.queueDepth.set({ stack: stackName }, depth) });
  const commits = createCommitTracker();
  const schedules = createScheduleControl({
    pollHead: pollHead(source, commits),
    enqueue: (kind, trigger, commit) => queue.enqueue(kind, trigger, commit),
    onPollError: (error) => {
      metrics.gitFetchErrors.inc({ stack: stackName });
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "git poll failed");
    },
  });
  const certificates = createCertificateWatch({ metrics, enabled: certificateChecksWanted(env, options.certificateChecks) });
  const cache = createStatusCache(() =>
    buildStatusModel(history, {
      title: "cf-gitops",
      certificates: certificates.current(),
      stacks: [{ name: stackName, branch, engine: settings.engine(), queueDepth: queue.depth(), nextChecks: nextChecks(schedules.nextDriftCheck()) }],
    }),
  );

  const server = await createStatusServer({
    host: options.host ?? "127.0.0.1",
    port: options.port,
    metrics,
    history,
    log,
    events,
    getStatus: cache.get,
    isReady: () => !shutdown.signal.aborted,
    adminToken: env.CFGITOPS_ADMIN_TOKEN,
    webhookSecret: env.CFGITOPS_WEBHOOK_SECRET,
    trustedProxies: parseTrustedProxies(env.CFGITOPS_TRUSTED_PROXIES),
    onReconcile: onReconcile(queue),
    onPush: onPush(branch, queue),
  });

  const hooks = postRunHooks({
    commits, settings, schedules, history, metrics, certificates, cache, events, queue, dataDir, log,
    notify: createRunNotifier({ env, dataDir, log, repoUrl: options.repo }),
    statusUrl: `${server.url}/`,
  });
  const timeouts = { ...defaultStageTimeouts, ...options.timeouts };
  queue.start(
    createRunExecutor({
      job: {
        stackName, repo: options.repo, branch, dataDir, timeouts, logLevel: log.level,
        ...(options.engine ? { engine: options.engine } : {}), ...(options.policyFloor ? { policyFloor: options.policyFloor } : {}),
      },
      recorder: historyRecorder(history),
      commits,
      runJob: options.runJob, metrics, cache, events, hooks, log, signal: shutdown.signal,
    }),
  );
  schedules.apply(settings.schedules());
  await writeSite(dataDir, cache.get(), log);
  queue.enqueue("apply", interrupted.length > 0 ? "recovery" : "startup");
  if (interrupted.length > 0) log.warn({ runs: interrupted.map((run) => run.id) }, "runs interrupted by a crash were marked; a fresh run is queued");

  async function stop(): Promise<void> {
    schedules.stop();
    const grace = (options.shutdownGraceSeconds ?? 20) * 1000;
    const timer = setTimeout(() => shutdown.abort(new AbortedError("daemon shutting down")), grace);
    await queue.close();
    clearTimeout(timer);
    shutdown.abort();
    await server.close();
    events.close();
    history.close();
  }

  return {
    url: server.url,
    stack: stackName,
    history,
    metrics,
    enqueue: (kind, trigger) => void queue.enqueue(kind, trigger),
    idle: () => queue.idle(),
    stop,
  };
}

function nextChecks(nextDrift: Date | undefined) {
  return nextDrift ? [{ kind: "drift" as const, at: nextDrift.toISOString() }] : [];
}
