// The policy gate, the one both `cf-gitops apply` and the daemon plug into the Engine's
// approve(plan) hook: the plan policies run after planning and before the first write call, and a
// mandatory failure declines the apply. Each report is handed to the caller (printed, recorded).
import type { Plan } from "../plan/types.ts";
import { runPolicies, type RunPoliciesInput } from "./run.ts";
import type { PolicyReport } from "./types.ts";

export function policyGate(input: Omit<RunPoliciesInput, "plan">, onReport: (report: PolicyReport, plan: Plan) => void): (plan: Plan) => Promise<boolean> {
  return async (plan) => {
    const report = await runPolicies({ ...input, plan });
    onReport(report, plan);
    return !report.blocked;
  };
}
