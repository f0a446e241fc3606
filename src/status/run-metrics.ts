// Records one finished run on every gauge it affects, so the families stay consistent with each other.
import { replaceStackSeries, setAppliedCommit, type Metrics } from "./metrics.ts";

export interface ResourceRef {
  zone?: string; // absent for account-level resources (tunnel services): labelled "account"
  kind: string;
}

export interface FinishedRun {
  stack: string;
  kind: "apply" | "drift" | "preview";
  result: "success" | "failure" | "blocked" | "interrupted";
  durationSeconds: number;
  finishedAt: Date;
  commit?: string;
  branch?: string;
  /** Drift runs: the drifted resources found (an empty list clears the gauge). */
  drift?: ResourceRef[];
  /** Resources declared in git for the stack, when the run loaded them. */
  managed?: (ResourceRef & { count?: number })[];
  /**
   * Every resource kind there is (the kind registry's ids): drift is exported as 0 for each managed
   * zone and kind, so `== 0` alerts and dashboards have a series before anything drifts.
   */
  kinds?: readonly string[];
  /** Violation counts of the evaluated commit's policies; a policy with none is reported with 0. */
  policyViolations?: { policy: string; level: string; count?: number }[];
}

const accountZone = "account";

function byZoneAndKind(stack: string, items: (ResourceRef & { count?: number })[]) {
  return items.map((item) => ({ labels: { stack, zone: item.zone ?? accountZone, kind: item.kind }, value: item.count ?? 1 }));
}

/** Sets the drifted_resources family of a stack to exactly these items (zeroing the rest, and `zeros`). */
export function setDrift(metrics: Metrics, stack: string, drift: ResourceRef[], zeros: ResourceRef[] = []): void {
  const series = [...byZoneAndKind(stack, zeros.map((ref) => ({ ...ref, count: 0 }))), ...byZoneAndKind(stack, drift)];
  replaceStackSeries(metrics, "drifted", metrics.driftedResources, stack, series);
}

/** Each managed zone with each known kind, and every managed zone/kind pair (account-level ones too). */
function driftZeros(run: FinishedRun): ResourceRef[] {
  const managed = run.managed ?? [];
  const zones = [...new Set(managed.map((ref) => ref.zone).filter((zone): zone is string => zone !== undefined && zone !== accountZone))];
  return [...zones.flatMap((zone) => (run.kinds ?? []).map((kind) => ({ zone, kind }))), ...managed.map(({ zone, kind }) => ({ ...(zone ? { zone } : {}), kind }))];
}

export function recordRun(metrics: Metrics, run: FinishedRun): void {
  const { stack, kind, result } = run;
  const finished = run.finishedAt.getTime() / 1000;
  const succeeded = result === "success";
  metrics.runsTotal.inc({ stack, kind, result });
  metrics.runDuration.observe({ stack, kind }, Math.max(0, run.durationSeconds));
  metrics.lastRunTimestamp.set({ stack, kind, result }, finished);
  if (succeeded) metrics.lastSuccessTimestamp.set({ stack, kind }, finished);
  if (kind === "apply" && succeeded && run.commit) setAppliedCommit(metrics, stack, run.commit, run.branch ?? "");
  // A successful apply makes live equal to git: whatever drift was reported is resolved.
  const drift = run.drift ?? (kind === "apply" && succeeded ? [] : undefined);
  if (drift && (kind !== "drift" || succeeded)) setDrift(metrics, stack, drift, driftZeros(run));
  if (run.managed) replaceStackSeries(metrics, "managed", metrics.managedResources, stack, byZoneAndKind(stack, run.managed));
  if (run.policyViolations) {
    const series = run.policyViolations.map((v) => ({ labels: { stack, policy: v.policy, level: v.level }, value: v.count ?? 1 }));
    replaceStackSeries(metrics, "policy", metrics.policyViolations, stack, series);
  }
}
