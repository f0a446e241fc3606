// The native engine: reads live configuration with the official `cloudflare` SDK, diffs it
// against the desired state and applies with as few calls as possible (DESIGN §4). No state file:
// drift is simply live ≠ desired.
import type Cloudflare from "cloudflare";
import type { DesiredState } from "../../desired-state/types.ts";
import { fingerprintKeys, movedKeys } from "../../plan/fingerprint.ts";
import { ownershipFromJson } from "../../plan/resources.ts";
import { PlanStaleError, SavedPlanError } from "../../plan/saved.ts";
import type { ApplyResult, Plan } from "../../plan/types.ts";
import type { Logger } from "../../shared/logger.ts";
import { checkApprovedFingerprint } from "../approved-plan.ts";
import type { Engine, RunOptions } from "../engine.ts";
import { nativeAdapters } from "./adapters.ts";
import { applyPlan, type ApplyInput } from "./applier.ts";
import { attributeNativeDrift } from "./attribution.ts";
import { createClient, type RequestEvent, type RetryBudget } from "./client.ts";
import { checkAborted, computePlan, nativeContext, zonesOf } from "./planner.ts";
import { readScopes } from "./reads.ts";

export { createClient, type RequestEvent } from "./client.ts";
export { listZones, resolveAccountId, type ZoneRef } from "./zones.ts";

export interface NativeEngineOptions {
  apiToken: string;
  log: Logger;
  baseUrl?: string;
  accountId?: string;
  fetch?: typeof fetch;
  /** Called for every HTTP attempt (the daemon counts cfgitops_cloudflare_requests_total). */
  onRequest?(event: RequestEvent): void;
  retry?: Partial<RetryBudget>;
}

function skipped(plan: Plan): ApplyResult["outcomes"] {
  return plan.changes.map((change) => ({ id: change.id, kind: change.kind, op: change.op, status: "skipped" }));
}

/** Reads again what a saved plan read and refuses when anything it depends on moved. */
async function recheck(client: Cloudflare, saved: Plan, run: RunOptions, explicitAccount: string | undefined): Promise<Omit<ApplyInput, "plan">> {
  const reads = saved.reads;
  if (!reads) throw new SavedPlanError("the saved plan does not say what it read, so it cannot be checked; nothing was applied", { hint: "make it again with cf-gitops plan --out" });
  const native = nativeContext(client, run, explicitAccount);
  const adapters = await nativeAdapters();
  const zones = await zonesOf(client, explicitAccount);
  const account = explicitAccount ?? Object.values(reads.scopes).flat().map((scope) => zones.get(scope)?.accountId).find((id) => id !== undefined);
  if (saved.account && account && saved.account !== account) {
    throw new SavedPlanError(`the plan was made for account ${saved.account}, not ${account}; nothing was applied`, { hint: "check CLOUDFLARE_ACCOUNT_ID and the stack's account_id" });
  }
  const resolved = new Map(Object.entries(reads.resolved).map(([kind, names]) => [kind, new Map(Object.entries(names))]));
  const live = await readScopes({ adapters, scopes: new Map(Object.entries(reads.scopes)), zones, resolved }, native);
  checkAborted(run.signal);
  const now = fingerprintKeys(live.resources, ownershipFromJson(reads.owned), Object.keys(reads.fingerprints));
  const moved = movedKeys(reads.fingerprints, now);
  if (moved.length > 0) {
    const names = new Map(live.resources.map((resource) => [resource.key, resource.id]));
    throw new PlanStaleError(moved.map((key) => names.get(key) ?? key));
  }
  return { native, adapters, zones };
}

export function createNativeEngine(options: NativeEngineOptions): Engine {
  const client = createClient(options);
  const engineOptions = options.accountId ? { accountId: options.accountId } : {};

  async function plan(desired: DesiredState, run: RunOptions) {
    return (await computePlan(client, desired, run, engineOptions)).plan;
  }

  async function write(input: ApplyInput, run: RunOptions): Promise<ApplyResult> {
    checkApprovedFingerprint(input.plan, run);
    if (input.plan.changes.length === 0) return { plan: input.plan, status: "no-changes", outcomes: [] };
    if (run.approve && !(await run.approve(input.plan))) {
      run.log.info({ stack: run.stack.name, changes: input.plan.changes.length }, "apply declined before any write");
      return { plan: input.plan, status: "declined", outcomes: skipped(input.plan) };
    }
    run.onProgress?.({ stage: "apply", message: `applying ${input.plan.changes.length} change(s)`, total: input.plan.changes.length });
    const result = await applyPlan({ ...input, ...(run.onOutcome && { onOutcome: run.onOutcome }) });
    run.log.info({ stack: run.stack.name, status: result.status, changes: result.outcomes.length }, "apply finished");
    return result;
  }

  return {
    name: "native",
    plan,
    async drift(desired, run) {
      return attributeNativeDrift(await computePlan(client, desired, run, engineOptions), run);
    },
    async apply(desired, run) {
      return write(await computePlan(client, desired, run, engineOptions), run);
    },
    async applySaved(saved, _desired, run) {
      const checked = await recheck(client, saved, run, options.accountId ?? run.stack.account_id);
      return write({ plan: saved, ...checked }, run);
    },
  };
}
