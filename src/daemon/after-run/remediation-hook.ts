// Last: with drift_remediation: apply, drift found by a check queues an apply that reverts it.
import type { RunQueue } from "../run-queue.ts";
import type { StackSettings } from "../stack-settings.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function remediationHook(deps: { queue: RunQueue; settings: StackSettings }): PostRunHook {
  return {
    name: "remediation",
    afterRun(outcome) {
      const drifted = outcome.kind === "drift" && outcome.result === "success" && (outcome.drift?.length ?? 0) > 0;
      if (drifted && deps.settings.current()?.drift_remediation === "apply") deps.queue.enqueue("apply", outcome.triggers[0] ?? "schedule");
    },
  };
}
