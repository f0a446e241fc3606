// Small pieces shared by `daemon` and `start`.
import { join } from "node:path";
import type { Logger } from "../shared/logger.ts";
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
