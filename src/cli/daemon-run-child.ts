// The child process of one daemon run (src/daemon/child-runner.ts): it builds the engine (the
// CLI side's job), runs one pipeline pass and sends the outcome back. The daemon coordinates
// shutdown through an "abort" message, so terminal and service-manager signals are left to it.
//
// Start-up order matters for webhook-to-applied latency (ADR 11): git starts fetching as soon as
// the job arrives, and the pipeline, the loader, the policies and (likely) the engine load while
// git's commands run, instead of before them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cloneDir, createGitSource, type CommitInfo, type GitSource, type GitSourceOptions } from "../daemon/git-source.ts";
import type { ChildMessage, ParentMessage, RunJob } from "../daemon/run-job.ts";
import { AbortedError } from "../shared/errors.ts";
import { dependenciesDir } from "../shared/module-paths.ts";

const controller = new AbortController();

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

/** The engine the stack file named at the last checkout (a guess: this run's commit may change it). */
function engineHint(cloneDir: string, stackName: string): string | undefined {
  try {
    return /^engine:\s*["']?(native|pulumi)\b/m.exec(readFileSync(join(cloneDir, "stacks", `${stackName}.yaml`), "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Loads what the run will need while git works: the native engine with the Cloudflare SDK when
 * the stack is likely to use it, and fetch's HTTP client, which Node loads on the first request (a
 * data: URL loads it without one). A wrong guess costs a little time, never correctness; the
 * Pulumi SDK is not guessed at (it is large, and has side effects at import).
 */
function preloadEngine(job: RunJob, cloneDir: string): Promise<unknown> {
  const native = (job.engine ?? engineHint(cloneDir, job.stackName)) === "native" ? import("../engines/native/index.ts") : undefined;
  return Promise.all([native, fetch("data:,")]).catch(() => undefined);
}

/** A source whose first sync starts now, before the pipeline asks for it; its failure surfaces in
 * the pipeline's fetch stage. */
function startedEarly(options: GitSourceOptions, signal: AbortSignal): GitSource {
  const source = createGitSource(options);
  let early: Promise<CommitInfo> | undefined = source.sync(signal);
  early.catch(() => undefined);
  return {
    dir: cloneDir(options.dataDir),
    branch: options.branch,
    remoteHead: () => source.remoteHead(),
    sync(stageSignal) {
      const pending = early ?? source.sync(stageSignal);
      early = undefined;
      return pending;
    },
  };
}

async function runJob(job: RunJob): Promise<void> {
  const options: GitSourceOptions = { repo: job.repo, branch: job.branch, dataDir: job.dataDir, nodeModules: dependenciesDir() };
  const source = startedEarly(options, controller.signal);
  // The engine hint is read now, before the fetch moves the checkout.
  const [{ runPipeline }, { daemonEngineFactory }, { createLogger }, { processIo }] = await Promise.all([
    import("../daemon/pipeline.ts"),
    import("./daemon-engines.ts"),
    import("../shared/logger.ts"),
    import("./io.ts"),
    preloadEngine(job, source.dir),
  ]);
  const log = createLogger({ level: job.logLevel });
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
    engineFor,
    timeouts: job.timeouts,
    ...(job.policyFloor ? { policyFloor: job.policyFloor } : {}),
    log,
    signal: controller.signal,
  });
  send({ type: "done", outcome });
}

process.on("SIGTERM", () => undefined);
process.on("SIGINT", () => undefined);
// The daemon died (kill -9): stop this run too; the next daemon marks it interrupted and converges.
process.on("disconnect", () => {
  controller.abort(new AbortedError("the daemon went away"));
  setTimeout(() => process.exit(1), 5_000).unref();
});
process.on("message", (message: ParentMessage) => {
  if (message.type === "abort") controller.abort(new AbortedError("daemon shutting down"));
  else runJob(message.job).finally(() => process.disconnect());
});
