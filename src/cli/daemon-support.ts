// Small pieces shared by `daemon` and `start`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChildRunner } from "../daemon/child-runner.ts";
import type { RunJobFn } from "../daemon/run-job.ts";
import type { Logger } from "../shared/logger.ts";
import { siblingModule } from "../shared/module-paths.ts";
import type { CliIo } from "./io.ts";

export function defaultDataDir(io: CliIo): string {
  return io.env.CFGITOPS_DATA_DIR ?? join(io.cwd, ".cf-gitops");
}

/** Resolves on the first SIGTERM or SIGINT. */
export function waitForShutdown(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    function onSignal(signal: NodeJS.Signals): void {
      log.info({ signal }, "shutting down: letting the current stage finish");
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      resolve();
    }
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}

/** Runs each daemon run in a child process (src/cli/daemon-run-child.ts) with the daemon's environment. */
export function childProcessRuns(env: NodeJS.ProcessEnv): RunJobFn {
  return createChildRunner({
    // dist/cli/daemon-run-child.js when the daemon runs compiled, the .ts beside it when it runs the sources.
    entry: fileURLToPath(siblingModule(import.meta.url, "./daemon-run-child")),
    env,
    // The stage timeouts inside the child fire first; this only catches a wedged process.
    hardTimeoutMs: (job) => Object.values(job.timeouts).reduce((sum, ms) => sum + ms, 0) + 60_000,
  });
}
