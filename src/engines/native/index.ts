// The native engine: reads live configuration with the official `cloudflare` SDK, diffs it
// against the desired state and applies with as few calls as possible (DESIGN §4). No state file:
// drift is simply live ≠ desired.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Logger } from "../../shared/logger.ts";
import type { Engine, RunOptions } from "../engine.ts";
import type { ApplyResult } from "../../plan/types.ts";
import { applyPlan } from "./applier.ts";
import { createClient, type RequestEvent, type RetryBudget } from "./client.ts";
import { computePlan } from "./planner.ts";

export { readLive, type LiveZone, type ReadOptions } from "./read-live.ts";
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

export function createNativeEngine(options: NativeEngineOptions): Engine {
  const client = createClient(options);
  const engineOptions = options.accountId ? { accountId: options.accountId } : {};

  async function plan(desired: DesiredState, run: RunOptions) {
    return (await computePlan(client, desired, run, engineOptions)).plan;
  }

  async function apply(desired: DesiredState, run: RunOptions): Promise<ApplyResult> {
    const ctx = await computePlan(client, desired, run, engineOptions);
    if (ctx.plan.changes.length === 0) return { plan: ctx.plan, status: "no-changes", outcomes: [] };
    if (run.approve && !(await run.approve(ctx.plan))) {
      run.log.info({ stack: run.stack.name, changes: ctx.plan.changes.length }, "apply declined before any write");
      return {
        plan: ctx.plan,
        status: "declined",
        outcomes: ctx.plan.changes.map((change) => ({ id: change.id, kind: change.kind, op: change.op, status: "skipped" })),
      };
    }
    run.onProgress?.({ stage: "apply", message: `applying ${ctx.plan.changes.length} change(s)`, total: ctx.plan.changes.length });
    const applyOptions = { dnsBatchSize: run.stack.dns_batch_size || 200, log: run.log, ...(run.signal && { signal: run.signal }) };
    const result = await applyPlan(client, ctx, applyOptions);
    run.log.info({ stack: run.stack.name, status: result.status, changes: result.outcomes.length }, "apply finished");
    return result;
  }

  return { name: "native", plan, apply, drift: plan };
}
