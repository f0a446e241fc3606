// RunOptions.approvedFingerprint: apply only the plan that was approved. An approval may come long
// after the plan it saw (a person, a "held for approval" run); the engine plans again and refuses,
// writing nothing, unless its fresh plan has exactly the approved fingerprint (src/plan/fingerprint.ts).
import { planFingerprint } from "../plan/fingerprint.ts";
import { SavedPlanError } from "../plan/saved.ts";
import type { Plan } from "../plan/types.ts";
import type { RunOptions } from "./engine.ts";

/** The fresh plan is not the approved one. */
export class ApprovedPlanChangedError extends SavedPlanError {
  override name = "ApprovedPlanChangedError";
}

/** Throws ApprovedPlanChangedError when the run names an approved fingerprint and `plan` is not that plan. */
export function checkApprovedFingerprint(plan: Plan, run: Pick<RunOptions, "approvedFingerprint">): void {
  const approved = run.approvedFingerprint;
  if (approved === undefined) return;
  const now = planFingerprint(plan);
  if (now === approved) return;
  throw new ApprovedPlanChangedError(`the plan is not the one that was approved (approved ${approved.slice(0, 12)}, now ${now.slice(0, 12)}): Cloudflare, the state or the desired state moved since; nothing was applied`, {
    hint: "plan again and approve the new plan",
  });
}
