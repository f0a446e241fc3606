// The run on /metrics: counters, timestamps, drift, managed resources and policy violations.
import { recordRun } from "../../status/run-metrics.ts";
import type { Metrics } from "../../status/metrics.ts";
import type { RunOutcome } from "../run-types.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function metricsHook(metrics: Metrics): PostRunHook {
  return {
    name: "metrics",
    afterRun(outcome) {
      // A run that failed before it had a commit could not fetch the repository.
      if (!outcome.commit && outcome.result === "failure") metrics.gitFetchErrors.inc({ stack: outcome.stack });
      recordRunMetrics(metrics, outcome);
    },
  };
}

export function recordRunMetrics(metrics: Metrics, outcome: RunOutcome): void {
  const violations = new Map<string, { policy: string; level: string; count: number }>();
  for (const violation of outcome.policy?.violations ?? []) {
    const key = `${violation.policy} ${violation.level}`;
    const entry = violations.get(key) ?? { policy: violation.policy, level: violation.level, count: 0 };
    entry.count++;
    violations.set(key, entry);
  }
  recordRun(metrics, {
    stack: outcome.stack,
    kind: outcome.kind,
    result: outcome.result,
    durationSeconds: (outcome.finishedAt - outcome.startedAt) / 1000,
    finishedAt: new Date(outcome.finishedAt),
    branch: outcome.branch,
    ...(outcome.commit ? { commit: outcome.commit.sha } : {}),
    ...(outcome.kind === "drift" && outcome.result === "success"
      ? { drift: (outcome.drift ?? []).map((change) => ({ kind: change.kind, ...(change.zone ? { zone: change.zone } : {}) })) }
      : {}),
    ...(outcome.managed ? { managed: outcome.managed } : {}),
    ...(outcome.policy ? { policyViolations: [...violations.values()] } : {}),
  });
}
