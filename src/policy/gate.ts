// The policy gate for apply and the daemon: plugs into the Engine's approve(plan) hook, so a
// mandatory failure stops the run after planning and before the first write call.
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import type { Plan } from "../plan/types.ts";
import { runPolicies } from "./run.ts";
import type { PolicyReport } from "./types.ts";

export interface PolicyGate {
  approve(plan: Plan): Promise<boolean>;
  /** The report of the last approve() call. */
  report(): PolicyReport | undefined;
}

export function createPolicyGate(input: { root: string; desired: DesiredState; stack?: StackConfig; now?: Date }): PolicyGate {
  let last: PolicyReport | undefined;
  return {
    async approve(plan) {
      last = await runPolicies({ ...input, plan });
      return !last.blocked;
    },
    report: () => last,
  };
}
