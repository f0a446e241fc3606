// Drift attribution for the Pulumi engine. Its drift comes from a refresh, whose changes do not say
// how the audit log names their objects; the native engine's reader does (the kinds' auditResource
// hooks), so with drift the live state is read once more through it, and its names are matched to
// the Pulumi changes by kind and id (both engines give the same ids). Without drift, only the one
// audit-log page is read. A failing read is a note on the report, never a failed drift check.
import type { DesiredState } from "../../desired-state/types.ts";
import { attributeDrift, type AuditRef } from "../../drift-attribution/index.ts";
import type { Plan } from "../../plan/types.ts";
import { AbortedError } from "../../shared/errors.ts";
import type { RunOptions } from "../engine.ts";
import { computePlan } from "../native/planner.ts";
import { liveClient } from "./live.ts";

export interface PulumiAttributionOptions {
  apiToken: string;
  baseUrl?: string;
  accountId?: string;
}

export async function attributePulumiDrift(plan: Plan, desired: DesiredState, run: RunOptions, options: PulumiAttributionOptions): Promise<Plan> {
  if (run.attributionSince === false) return plan;
  const client = liveClient({ apiToken: options.apiToken, log: run.log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const refs = new Map<string, AuditRef>();
  let account = plan.account ?? options.accountId ?? run.stack.account_id;
  if (plan.changes.length > 0 || account === undefined) {
    try {
      const native = await computePlan(client, desired, run, options.accountId ? { accountId: options.accountId } : {});
      for (const [change, ref] of native.auditRefs) refs.set(`${change.kind} ${change.id}`, ref);
      account ??= native.plan.account ?? (await native.native.accountId());
    } catch (error) {
      if (error instanceof AbortedError || run.signal?.aborted) throw error;
      const why = error instanceof Error ? error.message : String(error);
      plan.attribution = { source: "none", since: (run.attributionSince ?? new Date()).toISOString(), entries: 0, note: `attribution unavailable: the live objects' ids could not be read (${why})` };
      return plan;
    }
  }
  await attributeDrift(plan, {
    client, accountId: account!, refOf: (change) => refs.get(`${change.kind} ${change.id}`), log: run.log,
    ...(run.attributionSince ? { since: run.attributionSince } : {}), ...(run.signal ? { signal: run.signal } : {}),
  });
  return plan;
}
