// The child process of one daemon run (src/daemon/child-runner.ts): it builds the engine (the
// CLI side's job), runs one pipeline pass at the commit the daemon fetched, and sends back the
// commit, every Cloudflare request, the approved plan, each write's outcome as it happens, and the
// outcome. The daemon coordinates shutdown through an "abort" message, so terminal and
// service-manager signals are left to it.
//
// Start-up order matters for webhook-to-applied latency (ADR 11): the checkout starts as soon as
// the job arrives, and the pipeline, the loader, the policies and (likely) the engine load while
// git works, instead of before it.
import { join } from "node:path";
import { Writable } from "node:stream";
import type { CommitInfo, GitSource } from "../daemon/git-source.ts";
import type { ChildMessage, ParentMessage, RunJob } from "../daemon/run-job.ts";
import { createWorktreeSource, worktreeDir } from "../daemon/worktree-source.ts";
import { readRepositoryFileSync } from "../desired-state/repository-file.ts";
import { sandboxOptions } from "../policy/sandbox/index.ts";
import { AbortedError } from "../shared/errors.ts";
import { dependenciesDir } from "../shared/module-paths.ts";

const controller = new AbortController();
let finished = false;
// Set when the daemon's IPC channel closes: from then on this process sends nothing to Cloudflare.
let daemonGone = false;
let runId: number | undefined;
// Once the daemon is gone, this run's log goes quiet: one line says why it stops.
let muted = false;
const stderr = new Writable({ write: (chunk: Buffer, _encoding, done) => (muted ? done() : process.stderr.write(chunk, () => done())) });

/** Every message to the daemon goes through here: once the daemon is gone, sending is a no-op, never a throw. */
function send(message: ChildMessage): void {
  if (!process.connected || !process.send) return;
  try {
    // With a callback, a channel that closes mid-send reports to it, not as an uncaught 'error'.
    process.send(message, undefined, undefined, () => undefined);
  } catch {
    // The channel closed between the check and the send.
  }
}

/**
 * The engine the stack file named at the last checkout (a guess: this run's commit may change it).
 * Read like any repository file: a regular file inside the checkout, at most 64 KB (a committed
 * link to /dev/zero must not be read for ever before the loader even gets to refuse it).
 */
function engineHint(checkout: string, stackName: string): string | undefined {
  const text = readRepositoryFileSync(join(checkout, "stacks", `${stackName}.yaml`), checkout, 64 * 1024)?.toString("utf8");
  return text === undefined ? undefined : /^engine:\s*["']?(native|pulumi)\b/m.exec(text)?.[1];
}

/**
 * Loads what the run will need while git works: the native engine with the Cloudflare SDK when
 * the stack is likely to use it, and fetch's HTTP client, which Node loads on the first request (a
 * data: URL loads it without one). A wrong guess costs a little time, never correctness; the
 * Pulumi SDK is not guessed at (it is large, and has side effects at import).
 */
function preloadEngine(job: RunJob, checkout: string): Promise<unknown> {
  const native = (job.engine ?? engineHint(checkout, job.stackName)) === "native" ? import("../engines/native/index.ts") : undefined;
  return Promise.all([native, fetch("data:,")]).catch(() => undefined);
}

/** A source whose checkout starts now, before the pipeline asks for it; its failure surfaces in the pipeline's fetch stage. */
function startedEarly(job: RunJob, signal: AbortSignal): GitSource {
  const source = createWorktreeSource({ dataDir: job.dataDir, stack: job.stackName, branch: job.branch, commit: job.commit, nodeModules: dependenciesDir() });
  let early: Promise<CommitInfo> | undefined = source.sync(signal);
  early.catch(() => undefined);
  return {
    dir: source.dir,
    branch: source.branch,
    sync(stageSignal) {
      const pending = early ?? source.sync(stageSignal);
      early = undefined;
      return pending;
    },
  };
}

async function runJob(job: RunJob): Promise<void> {
  runId = job.runId;
  // The engine hint is read before the checkout moves.
  const hint = preloadEngine(job, worktreeDir(job.dataDir, job.stackName));
  const source = startedEarly(job, controller.signal);
  const [{ runPipeline }, { daemonEngineFactory }, { createLogger }, { processIo }] = await Promise.all([
    import("../daemon/pipeline.ts"),
    import("./daemon-engines.ts"),
    import("../shared/logger.ts"),
    import("./io.ts"),
    hint,
  ]);
  const log = createLogger({ level: job.logLevel, destination: stderr });
  const engineFor = daemonEngineFactory({
    io: processIo(),
    log,
    dataDir: job.dataDir,
    root: source.dir,
    ...(job.engine ? { engine: job.engine } : {}),
    onRequest: (request) => send({ type: "request", request }),
  });
  const outcome = await runPipeline(job.request, {
    runId: job.runId,
    stackName: job.stackName,
    source,
    onCommit: (commit) => send({ type: "commit", commit }),
    onPlan: (changes) => send({ type: "plan", changes }),
    onOutcome: (outcome) => send({ type: "outcome", outcome }),
    engineFor,
    timeouts: job.timeouts,
    ...(job.policyFloor ? { policyFloor: job.policyFloor } : {}),
    policySandbox: sandboxOptions(process.env),
    ...(job.attributionSince ? { attributionSince: new Date(job.attributionSince) } : {}),
    log,
    signal: controller.signal,
  });
  send({ type: "done", outcome });
}

/**
 * Every request the engines make goes through here (the native engine's client takes the global
 * fetch when it is built): once the daemon is gone, none leaves, so a write being retried is not
 * made by a run nobody records (history would say "planned" for a change that was made).
 */
function guardRequests(): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => (daemonGone ? Promise.reject(new AbortedError("the daemon went away; this run sends nothing more")) : realFetch(input, init));
}

function finish(): void {
  finished = true;
  if (process.connected) process.disconnect();
}

process.on("SIGTERM", () => undefined);
process.on("SIGINT", () => undefined);
// The daemon died (kill -9): stop this run too, say so once, and leave quietly; the next daemon
// marks the run interrupted and converges. (Our own disconnect at the end of a run lands here too.)
process.on("disconnect", () => {
  if (finished) return;
  daemonGone = true;
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, runId, msg: "the daemon went away; this run stops (the next daemon marks it interrupted)" })}\n`);
  muted = true;
  controller.abort(new AbortedError("the daemon went away"));
  setTimeout(() => process.exit(1), 5_000).unref();
});
process.on("message", (message: ParentMessage) => {
  if (message.type === "abort") controller.abort(new AbortedError("daemon shutting down"));
  else {
    guardRequests();
    runJob(message.job)
      .catch((error: unknown) => {
        if (!muted) process.stderr.write(`cf-gitops run ${message.job.runId} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      })
      .finally(finish);
  }
});
