// What happens after a run is recorded: a list of hooks, run in order, each isolated from the
// others (a failing notification must not keep the page stale or stop remediation).
import type { Logger } from "pino";
import type { RunOutcome } from "../run-types.ts";

export interface PostRunHook {
  readonly name: string;
  afterRun(outcome: RunOutcome): void | Promise<void>;
}

export async function runPostRunHooks(hooks: readonly PostRunHook[], outcome: RunOutcome, log: Logger): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook.afterRun(outcome);
    } catch (error) {
      log.warn({ hook: hook.name, runId: outcome.runId, err: error instanceof Error ? error.message : String(error) }, "after-run step failed");
    }
  }
}
