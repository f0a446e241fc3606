// Small pieces shared by `daemon` and `start`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChildRunner } from "../daemon/child-runner.ts";
import type { RunJobFn } from "../daemon/run-job.ts";
import { runEnvironment } from "../daemon/run-env.ts";
import { UsageError } from "../shared/errors.ts";
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

/**
 * Runs each daemon run in a child process (src/cli/daemon-run-child.ts) with only what a run needs
 * of the daemon's environment (src/daemon/run-env.ts): its stack's token, never the admin token or
 * the webhook secret, which committed custom policies could otherwise read.
 */
export function childProcessRuns(env: NodeJS.ProcessEnv): RunJobFn {
  return createChildRunner({
    // dist/cli/daemon-run-child.js when the daemon runs compiled, the .ts beside it when it runs the sources.
    entry: fileURLToPath(siblingModule(import.meta.url, "./daemon-run-child")),
    env: (job) => runEnvironment(env, job.tokenEnv),
    // The stage timeouts inside the child fire first; this only catches a wedged process.
    hardTimeoutMs: (job) => Object.values(job.timeouts).reduce((sum, ms) => sum + ms, 0) + 60_000,
  });
}

export const concurrencyHelp = `  --concurrency N    runs of different stacks that may go at once (default: $CFGITOPS_CONCURRENCY or 1)`;

/** --concurrency, else CFGITOPS_CONCURRENCY, else 1. */
export function concurrencyFrom(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = flag ?? env.CFGITOPS_CONCURRENCY ?? "1";
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new UsageError(`${flag === undefined ? "CFGITOPS_CONCURRENCY" : "--concurrency"} must be a whole number from 1 to 64; got "${raw}"`);
  }
  return value;
}
