// The native engine's drift attribution: the audit-log names its adapters gave at plan time, one
// audit-log read for the plan's account. Not knowing the account is a note, not a failure.
import type { Plan } from "../../plan/types.ts";
import { attributeDrift } from "../../drift-attribution/index.ts";
import { AbortedError } from "../../shared/errors.ts";
import type { RunOptions } from "../engine.ts";
import type { PlanContext } from "./planner.ts";

export async function attributeNativeDrift(ctx: PlanContext, run: RunOptions): Promise<Plan> {
  const plan = ctx.plan;
  if (run.attributionSince === false) return plan;
  let accountId: string;
  try {
    accountId = plan.account ?? (await ctx.native.accountId());
  } catch (error) {
    if (error instanceof AbortedError || run.signal?.aborted) throw error;
    const why = error instanceof Error ? error.message : String(error);
    plan.attribution = { source: "none", since: (run.attributionSince ?? new Date()).toISOString(), entries: 0, note: `attribution unavailable: the account is not known (${why})` };
    return plan;
  }
  await attributeDrift(plan, {
    client: ctx.native.client, accountId, refOf: (change) => ctx.auditRefs.get(change), log: run.log,
    ...(run.attributionSince ? { since: run.attributionSince } : {}), ...(run.signal ? { signal: run.signal } : {}),
  });
  return plan;
}
