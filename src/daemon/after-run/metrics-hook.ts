// The run on /metrics: counters, timestamps, drift, managed resources and policy violations.
import { kinds } from "../../kinds/registry.ts";
import type { PolicyReport } from "../../policy/index.ts";
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

/** Every evaluated policy at its level, with 0 when it found nothing (so `== 0` alerts have a series). */
function policyCounts(report: PolicyReport): { policy: string; level: string; count: number }[] {
  const counts = new Map<string, { policy: string; level: string; count: number }>();
  for (const result of report.results) counts.set(`${result.id} ${result.level}`, { policy: result.id, level: result.level, count: 0 });
  for (const violation of report.violations) {
    const key = `${violation.policy} ${violation.level}`;
    const entry = counts.get(key) ?? { policy: violation.policy, level: violation.level, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

const kindIds = kinds.map((kind) => kind.id);

export function recordRunMetrics(metrics: Metrics, outcome: RunOutcome): void {
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
    ...(outcome.managed ? { managed: outcome.managed, kinds: kindIds } : {}),
    ...(outcome.policy ? { policyViolations: policyCounts(outcome.policy) } : {}),
  });
}
