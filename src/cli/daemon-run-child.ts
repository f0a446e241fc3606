// The child process of one daemon run (src/daemon/child-runner.ts): it builds the engine (the
// CLI side's job), runs one pipeline pass and sends the outcome back. The daemon coordinates
// shutdown through an "abort" message, so terminal and service-manager signals are left to it.
import { createGitSource } from "../daemon/git-source.ts";
import { runPipeline } from "../daemon/pipeline.ts";
import type { ChildMessage, ParentMessage, RunJob } from "../daemon/run-job.ts";
import { AbortedError } from "../shared/errors.ts";
import { createLogger } from "../shared/logger.ts";
import { dependenciesDir } from "../shared/module-paths.ts";
import { daemonEngineFactory } from "./daemon-engines.ts";
import { processIo } from "./io.ts";

const controller = new AbortController();

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

async function runJob(job: RunJob): Promise<void> {
  const log = createLogger({ level: job.logLevel });
  const source = createGitSource({ repo: job.repo, branch: job.branch, dataDir: job.dataDir, nodeModules: dependenciesDir() });
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
