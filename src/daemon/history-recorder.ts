// The RunRecorder port over the SQLite history: every run is durable before its first API call, and
// each write's outcome as soon as the run reports it.
import { changesWithOutcomes, driftItemsFromChanges, type HistoryStore } from "../history/index.ts";
import type { DriftItemRecord } from "../history/types.ts";
import type { Plan } from "../plan/types.ts";
import type { RunOutcome, RunRecorder } from "./run-types.ts";

function summarise(plan: Plan | undefined) {
  if (!plan) return undefined;
  const summary = { create: 0, update: 0, delete: 0, replace: 0, import: 0 };
  for (const change of plan.changes) summary[change.op]++;
  return summary;
}

/**
 * Where a drift run's audit-log window opens: the newer of the previous drift check's start (it
 * wrote nothing) and the previous apply's end (its own writes are not news).
 */
export function attributionWindowStart(history: HistoryStore, stack: string): string | undefined {
  const drift = history.latestRun(stack, { kind: "drift" });
  const apply = history.latestRun(stack, { kind: "apply" });
  const starts = [drift?.startedAt, apply?.finishedAt ?? apply?.startedAt].filter((at) => at !== undefined);
  return starts.sort().at(-1);
}

/**
 * Drift that lasts keeps its attribution: the audit log is read only since the previous run, so an
 * object still drifted the same way (same live value) keeps whoever the previous check named.
 */
export function carriedOver(items: DriftItemRecord[], history: HistoryStore, stack: string, attributed: boolean): DriftItemRecord[] {
  if (!attributed || items.every((item) => item.changedBy)) return items;
  const previous = history.latestDrift(stack);
  if (!previous) return items;
  const key = (item: DriftItemRecord) => `${item.kind}\u0000${item.id}\u0000${JSON.stringify(item.before ?? null)}`;
  const known = new Map(previous.items.filter((item) => item.changedBy).map((item) => [key(item), item.changedBy!]));
  return items.map((item) => (item.changedBy || !known.has(key(item)) ? item : { ...item, changedBy: known.get(key(item))! }));
}

export function historyRecorder(history: HistoryStore): RunRecorder {
  return {
    start: (run) => history.startRun({ stack: run.stack, kind: run.kind, trigger: run.triggers }),
    setCommit(runId, commit, branch) {
      history.setCommit(runId, { commit: commit.sha, branch, author: commit.author, message: commit.message });
    },
    planned: (runId, changes) => history.recordChanges(runId, changesWithOutcomes(changes)),
    outcome: (runId, outcome) => history.upsertChangeOutcome(runId, outcome),
    finish(outcome: RunOutcome) {
      const { runId, plan } = outcome;
      if (outcome.kind === "drift") {
        const attributed = plan?.attribution !== undefined && plan.attribution.source !== "none";
        history.recordDrift(runId, carriedOver(driftItemsFromChanges(outcome.drift ?? []), history, outcome.stack, attributed));
      }
      else if (plan) history.recordChanges(runId, changesWithOutcomes(plan.changes, outcome.outcomes));
      // What git declared at this commit; the page's inventory reads the newest successful apply's.
      if (outcome.managed) history.recordInventory(runId, outcome.managed);
      if (outcome.policy) {
        history.recordPolicyResults(
          runId,
          outcome.policy.results.map((result) => ({
            policy: result.id,
            level: result.level,
            status: result.status,
            // Why a policy was skipped or could not load or run: the page shows it under Details.
            ...(result.note ? { message: result.note } : {}),
            ...(result.floor ? { floor: result.floor } : {}),
            violations: outcome.policy!.violations.filter((v) => v.policy === result.id),
          })),
        );
      }
      history.finishRun(runId, {
        result: outcome.result,
        finishedAt: new Date(outcome.finishedAt),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        diagnostics: outcome.diagnostics,
        ...(plan ? { summary: summarise(plan) } : {}),
        ...(plan?.attribution ? { attribution: plan.attribution } : {}),
      });
    },
  };
}
