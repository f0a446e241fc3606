// The static status site in <data dir>/public, rewritten from a fresh model after every run.
import { join } from "node:path";
import type { Logger } from "pino";
import type { StatusModel } from "../../status/model.ts";
import { writeStaticSite } from "../../status/page/index.ts";
import type { StatusCache } from "../status-cache.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function pageHook(deps: { cache: StatusCache; dataDir: string; log: Logger }): PostRunHook {
  return {
    name: "page",
    async afterRun() {
      deps.cache.invalidate();
      await writeSite(deps.dataDir, deps.cache.get(), deps.log);
    },
  };
}

/** A page that cannot be written (full disk) is logged: it must not fail the run or the daemon. */
export async function writeSite(dataDir: string, model: StatusModel, log: Logger): Promise<void> {
  try {
    await writeStaticSite(join(dataDir, "public"), model);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not write the static status page");
  }
}
