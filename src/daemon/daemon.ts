// The daemon: keeps Cloudflare equal to the tracked branch for every stack in stacks/ (or the ones
// named with --stack), checks drift on each stack's schedule, and serves one status page, metrics,
// history, the manual trigger and the GitHub webhook for all of them.
//
// The parts are built in dependency order and nothing refers to a part built after it: the stack
// registry takes what fetches find from the start but builds no stack until it is given the
// factory, last (each stack's queue, schedules, post-run hooks and executor: stack-runtime.ts).
// One clone and one fetch serve every stack (branch-sync.ts); runs of different stacks share a
// fixed number of slots (run-slots.ts) and each stack keeps its own FIFO queue.
import { join } from "node:path";
import type { Logger } from "pino";
import { historyFile, openHistory, type HistoryStore } from "../history/index.ts";
import { createFileDedupeStore } from "../notify/dedupe.ts";
import { AbortedError } from "../shared/errors.ts";
import { redactorFromEnv, urlCredentials, type Redactor } from "../shared/redact.ts";
import { parseTrustedProxies } from "../status/client-address.ts";
import { createEventHub } from "../status/event-stream.ts";
import { defaultHttpLimits } from "../status/http-limits.ts";
import { createMetrics, registerStack, type Metrics } from "../status/metrics.ts";
import { buildStatusModel } from "../status/model.ts";
import { readAccessFromEnv } from "../status/read-auth.ts";
import { createStatusServer } from "../status/server.ts";
import { writeSite } from "./after-run/index.ts";
import { createBranchSync, type BranchSync } from "./branch-sync.ts";
import { certificateChecksWanted, createCertificateWatch } from "./certificate-watch.ts";
import { ensureDataDir } from "./data-dir.ts";
import { createRepoMirror } from "./git-source.ts";
import { createPoller } from "./poller.ts";
import type { RunJobFn } from "./run-job.ts";
import { defaultTokenEnv } from "./run-env.ts";
import type { DaemonRunKind, Trigger } from "./run-queue.ts";
import { createRunSlots } from "./run-slots.ts";
import { stackDefaults } from "../desired-state/stack-files.ts";
import { createStackRegistry, type StackRegistry } from "./stack-registry.ts";
import { createStackRuntime } from "./stack-runtime.ts";
import { defaultStageTimeouts, type StageTimeouts } from "./stage.ts";
import { createHistoryWrites } from "./history-writes.ts";
import { createStatusCache } from "./status-cache.ts";
import { onPush, onReconcile } from "./triggers.ts";

export interface DaemonOptions {
  repo: string;
  branch: string;
  /** --stack: only these stacks (default: every stack in stacks/ at the branch head). */
  stacks?: readonly string[];
  dataDir: string;
  host?: string;
  port: number;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Runs one pipeline pass (in a child process); built by the CLI, which owns the engines. */
  runJob: RunJobFn;
  /** How many runs (of different stacks) may go at once; default 1. */
  concurrency?: number;
  /** Forces an engine for every run (the embedded default uses native). */
  engine?: "native" | "pulumi";
  /** Look up certificate expiry (TLS handshakes); off in tests that have no TLS endpoints. */
  certificateChecks?: boolean;
  timeouts?: Partial<StageTimeouts>;
  /** Overrides the stacks' poll_interval (the embedded default polls its local clone often). */
  pollSeconds?: number;
  /** Seconds SIGTERM waits for the current stage before cancelling it. */
  shutdownGraceSeconds?: number;
  /** The policy floor's absolute path, passed to every run (issue 11 item 9). */
  policyFloor?: string;
  /**
   * The one redactor (shared/redact.ts) of the daemon's log, history and page; the daemon adds the
   * repository URL's credentials and each stack's token as it learns them. Default: from `env`.
   */
  redact?: Redactor;
}

export interface RunningDaemon {
  url: string;
  /** The stacks it reconciles now. */
  stacks(): string[];
  history: HistoryStore;
  metrics: Metrics;
  /** Queues a run of one stack, or of every stack. */
  enqueue(kind: DaemonRunKind, trigger: Trigger, stack?: string): void;
  /** Resolves when no run is running or queued, in any stack. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { log, env, dataDir, branch } = options;
  // A read-token setting that cannot work stops the start, before anything is opened.
  const readAccess = readAccessFromEnv(env);
  await ensureDataDir(dataDir);
  const redact = options.redact ?? redactorFromEnv(env);
  redact.add(urlCredentials(options.repo));
  const history = openHistory(historyFile(dataDir), { redact });
  const interrupted = history.markRunningAsInterrupted();
  const metrics = createMetrics();
  const mirror = createRepoMirror({ repo: options.repo, branch, dataDir });
  const shutdown = new AbortController();
  const events = createEventHub({ heartbeatMs: 15_000, maxClients: 50, maxPerAddress: defaultHttpLimits.eventClientsPerAddress });
  const slots = createRunSlots(options.concurrency ?? 1);
  const certificates = createCertificateWatch({ metrics, enabled: certificateChecksWanted(env, options.certificateChecks) });
  let tokenEnvs: string[] = [defaultTokenEnv];
  const stacks = createStackRegistry({
    ...(options.stacks ? { requested: options.stacks } : {}),
    fallback: () => (history.stacks().length > 0 ? history.stacks() : ["default"]),
    // Each stack's token is redacted like CLOUDFLARE_API_TOKEN, in the log as in history.
    onTokenEnvs: (names) => {
      redact.add(names.map((name) => env[name]));
      tokenEnvs = [...new Set([defaultTokenEnv, ...names])];
    },
    log,
  });
  const sync = createBranchSync({ mirror, stacksAt: (files, trigger, head) => stacks.update(files, trigger, head), targets: () => stacks.list(), log });
  const fetchProblem = trackFetchProblems(sync, stacks, metrics, log, redact);
  // The first fetch: which stacks there are. A repository that cannot be read now is retried by the runs and the poller.
  await sync.sync("startup").catch(fetchProblem.failed);

  // The page shows failing history writes; the cache is rebuilt when they start or stop failing.
  // (`cache` is defined just below; `changed` is only called once runs go.)
  const writes = createHistoryWrites({ metrics, log, signal: shutdown.signal, changed: () => cache.invalidate() });
  const cache = createStatusCache(() =>
    buildStatusModel(history, {
      title: "cf-gitops",
      ...(writes.current() ? { history: writes.current()! } : {}),
      certificates: certificates.current(),
      stacks: stacks.list().map((stack) => stack.info()),
      source: { branch, ...(sync.head() ? { head: sync.head()!.commit.sha, fetchedAt: new Date(sync.head()!.at).toISOString() } : {}), ...fetchProblem.current() },
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
    readAccess,
    webhookSecret: env.CFGITOPS_WEBHOOK_SECRET,
    trustedProxies: parseTrustedProxies(env.CFGITOPS_TRUSTED_PROXIES),
    onReconcile: onReconcile(stacks),
    onPush: onPush(branch, sync, fetchProblem.failed),
  });

  const poller = createPoller({ remoteHead: () => mirror.remoteHead(), fetchedHead: () => sync.head()?.commit.sha, moved: () => sync.sync("poll"), onError: fetchProblem.failed });
  const pollEvery = () => poller.every(options.pollSeconds ?? Math.min(stackDefaults.poll_interval, ...stacks.list().map((stack) => stack.pollSeconds())));
  const shared = {
    repoUrl: options.repo, branch, dataDir, env, log, history, metrics, events, cache, certificates, slots, sync,
    notifyStore: createFileDedupeStore(join(dataDir, "notify-state.json")),
    runJob: options.runJob,
    writes,
    tokenEnvs: () => tokenEnvs,
    timeouts: { ...defaultStageTimeouts, ...options.timeouts },
    statusUrl: `${server.url}/`,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.policyFloor ? { policyFloor: options.policyFloor } : {}),
    ...(options.pollSeconds ? { pollSeconds: options.pollSeconds } : {}),
    signal: shutdown.signal,
    onSchedules: pollEvery,
  };
  const recovering = new Set(interrupted.map((run) => run.stack));
  stacks.start((name) => {
    registerStack(metrics, name);
    return createStackRuntime(name, shared);
  }, (name) => (recovering.has(name) ? "recovery" : "startup"));
  pollEvery();
  await writeSite(dataDir, cache.get(), log);
  if (interrupted.length > 0) log.warn({ runs: interrupted.map((run) => run.id) }, "runs interrupted by a crash were marked; a fresh run is queued");

  async function stop(): Promise<void> {
    poller.stop();
    const grace = (options.shutdownGraceSeconds ?? 20) * 1000;
    const timer = setTimeout(() => shutdown.abort(new AbortedError("daemon shutting down")), grace);
    await stacks.close();
    clearTimeout(timer);
    shutdown.abort();
    await server.close();
    events.close();
    history.close();
  }

  return {
    url: server.url,
    stacks: () => stacks.list().map((stack) => stack.name),
    history,
    metrics,
    enqueue(kind, trigger, name) {
      for (const stack of stacks.list()) if (name === undefined || stack.name === name) stack.queue.enqueue(kind, trigger);
    },
    async idle() {
      while (stacks.list().some((stack) => stack.queue.depth() > 0 || stack.queue.running())) {
        await Promise.all(stacks.list().map((stack) => stack.queue.idle()));
      }
    },
    stop,
  };
}

/** A fetch that failed for every stack (poll, webhook, start-up): counted per stack, logged, and shown on the page until one succeeds. */
function trackFetchProblems(sync: BranchSync, stacks: StackRegistry, metrics: Metrics, log: Logger, redact: Redactor) {
  let problem: { error: string; at: string } | undefined;
  let failedAt = 0;
  return {
    failed(error: unknown): void {
      failedAt = Date.now();
      problem = { error: redact(message(error)), at: new Date(failedAt).toISOString() };
      for (const stack of stacks.list()) metrics.gitFetchErrors.inc({ stack: stack.name });
      log.warn({ err: problem.error }, "git fetch failed");
    },
    current(): { error?: string; errorAt?: string } {
      const fetched = sync.head()?.at ?? 0;
      return problem && failedAt > fetched ? { error: problem.error, errorAt: problem.at } : {};
    },
  };
}
