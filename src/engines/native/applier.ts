// Applying a plan with the fewest calls. The plan alone is enough (each change carries its
// payload): zones are created first, then each run of changes of one kind in one zone (or of one
// account-level kind) goes to that kind's adapter, which turns it into calls (a DNS batch, one
// entrypoint PUT per phase, one PUT per tunnel). The first failed call stops the run; later changes
// are reported as skipped, and a rerun re-reads live state, so it converges without duplicates.
import type { ApplyResult, Change, ChangeOutcome, Plan } from "../../plan/types.ts";
import { AbortedError, CfGitopsError } from "../../shared/errors.ts";
import type { NativeAdapter, StackContext, WriteContext } from "./adapter.ts";
import { createZone, type ZoneRef } from "./zones.ts";

class Run {
  readonly outcomes = new Map<Change, ChangeOutcome>();
  failure: Error | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onOutcome: ((outcome: ChangeOutcome) => void) | undefined;
  constructor(changes: Change[], signal: AbortSignal | undefined, onOutcome?: (outcome: ChangeOutcome) => void) {
    this.signal = signal;
    this.onOutcome = onOutcome;
    for (const change of changes) this.outcomes.set(change, { id: change.id, kind: change.kind, op: change.op, status: "skipped" });
  }

  async step(changes: Change[], fn: () => Promise<unknown>): Promise<void> {
    if (this.failure || changes.length === 0) return;
    if (this.signal?.aborted) {
      this.failure = new AbortedError("apply was cancelled; changes not yet made are reported as skipped");
      return;
    }
    try {
      await fn();
      for (const change of changes) this.outcomes.get(change)!.status = "applied";
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const change of changes) Object.assign(this.outcomes.get(change)!, { status: "failed", error: this.failure.message });
    }
    // Each write's outcome as soon as it is known (RunOptions.onOutcome).
    for (const change of changes) this.onOutcome?.({ ...this.outcomes.get(change)! });
  }
}

/** Consecutive changes of one kind and zone (a plan is sorted so each such run is whole). */
function runsOf(changes: Change[]): Change[][] {
  const runs: Change[][] = [];
  for (const change of changes) {
    const current = runs.at(-1);
    if (current && current[0]!.kind === change.kind && current[0]!.zone === change.zone) current.push(change);
    else runs.push([change]);
  }
  return runs;
}

export interface ApplyInput {
  plan: Plan;
  native: StackContext;
  adapters: Map<string, NativeAdapter>;
  zones: Map<string, ZoneRef>;
  onOutcome?(outcome: ChangeOutcome): void;
}

export async function applyPlan(input: ApplyInput): Promise<ApplyResult> {
  const { plan, native, adapters, zones } = input;
  const run = new Run(plan.changes, native.signal, input.onOutcome);
  const ctx: WriteContext = {
    ...native,
    zoneId(zone) {
      const found = zones.get(zone);
      if (!found) throw new CfGitopsError(`zone ${zone} is not in the Cloudflare account`);
      return found.id;
    },
  };
  for (const changes of runsOf(plan.changes)) {
    const [first] = changes;
    if (first!.kind === "zone") {
      for (const change of changes) {
        await run.step([change], async () => {
          const zone = await createZone(native.client, change.id, await native.accountId());
          zones.set(zone.name, zone);
        });
      }
      continue;
    }
    const adapter = adapters.get(first!.kind);
    if (!adapter) {
      await run.step(changes, () => Promise.reject(new CfGitopsError(`no native adapter for kind ${first!.kind}`)));
      continue;
    }
    for (const step of adapter.writes(changes, ctx)) await run.step(step.changes, step.run);
  }
  const outcomes = [...run.outcomes.values()];
  const result: ApplyResult = { plan, status: run.failure ? "failed" : "applied", outcomes };
  if (run.failure) {
    result.error = run.failure.message;
    if (run.failure instanceof CfGitopsError && run.failure.hint) result.errorHint = run.failure.hint;
    native.log.error({ error: run.failure.message, applied: outcomes.filter((o) => o.status === "applied").length }, "apply failed");
  }
  return result;
}
