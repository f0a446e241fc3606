// After every run: metrics, the static status site, and a live event for open pages.
import { join } from "node:path";
import type { Logger } from "pino";
import type { HistoryStore } from "../history/index.ts";
import { recordRun } from "../status/run-metrics.ts";
import type { Metrics } from "../status/metrics.ts";
import { buildStatusModel, type CertificateStatus, type StackInfo, type StatusModel } from "../status/model.ts";
import { writeStaticSite } from "../status/page/index.ts";
import type { RunOutcome } from "./run-types.ts";

export interface StatusSources {
  history: HistoryStore;
  stackInfo(): StackInfo;
  certificates(): CertificateStatus[];
}

export function currentStatus(sources: StatusSources): StatusModel {
  return buildStatusModel(sources.history, { stacks: [sources.stackInfo()], certificates: sources.certificates(), title: "cf-gitops" });
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

export async function writeSite(dataDir: string, model: StatusModel, log: Logger): Promise<void> {
  try {
    await writeStaticSite(join(dataDir, "public"), model);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not write the static status page");
  }
}
