// The RunRecorder port over the SQLite history: every run is durable before its first API call, and
// each write's outcome as soon as the run reports it.
import { changesWithOutcomes, driftItemsFromChanges, type HistoryStore } from "../history/index.ts";
import type { Plan } from "../plan/types.ts";
import type { RunOutcome, RunRecorder } from "./run-types.ts";

function summarise(plan: Plan | undefined) {
  if (!plan) return undefined;
  const summary = { create: 0, update: 0, delete: 0, replace: 0, import: 0 };
  for (const change of plan.changes) summary[change.op]++;
  return summary;
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
      if (outcome.kind === "drift") history.recordDrift(runId, driftItemsFromChanges(outcome.drift ?? []));
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
      });
    },
  };
}
