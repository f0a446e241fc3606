// What `apply FILE` means for the Pulumi engine: Pulumi plans from its state and the program, so a
// saved plan is checked by previewing again, and `up` runs only when the new preview has exactly
// the saved plan's changes (same ids, ops, fields and values) for the same account.
import { PlanStaleError, SavedPlanError, planDifferences } from "../../plan/saved.ts";
import type { Plan } from "../../plan/types.ts";

/** Throws unless the fresh preview is the saved plan (same account, same changes). */
export function checkSameAs(saved: Plan, fresh: Plan): void {
  if (saved.account && fresh.account && saved.account !== fresh.account) {
    throw new SavedPlanError(`the plan was made for account ${saved.account}, not ${fresh.account}; nothing was applied`, { hint: "check CLOUDFLARE_ACCOUNT_ID and the stack's account_id" });
  }
  const moved = planDifferences(saved, fresh);
  if (moved.length > 0) throw new PlanStaleError(moved, { hint: "the pulumi engine previews a saved plan again before applying it; run plan again and review the new plan" });
}
