// The Prometheus surface of DESIGN §6. Dashboards and alert rules depend on these names and labels.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type Labels<T extends string> = Record<T, string>;

export interface Metrics {
  registry: Registry;
  runsTotal: Counter<"stack" | "kind" | "result">;
  runDuration: Histogram<"stack" | "kind">;
  lastRunTimestamp: Gauge<"stack" | "kind" | "result">;
  lastSuccessTimestamp: Gauge<"stack" | "kind">;
  driftedResources: Gauge<"stack" | "zone" | "kind">;
  managedResources: Gauge<"stack" | "zone" | "kind">;
  policyViolations: Gauge<"stack" | "policy" | "level">;
  appliedCommitInfo: Gauge<"stack" | "commit" | "branch">;
  cloudflareRequests: Counter<"method" | "route" | "status">;
  gitFetchErrors: Counter<"stack">;
  historyWriteErrors: Counter<"stack">;
  queueDepth: Gauge<"stack">;
  certificateExpiry: Gauge<"hostname">;
  /** Label sets last written per stack, so a new run can zero what it no longer reports. */
  readonly seen: Map<string, Map<string, Labels<string>>>; // key: "<family> <stack>"
}

export interface MetricsOptions {
  /** prom-client's process_* and nodejs_* metrics; on by default. */
  defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    runsTotal: new Counter({ name: "cfgitops_runs_total", help: "Finished runs by stack, kind and result.", labelNames: ["stack", "kind", "result"], registers }),
    runDuration: new Histogram({
      name: "cfgitops_run_duration_seconds", help: "Run duration from start to finish.", labelNames: ["stack", "kind"], registers,
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    }),
    lastRunTimestamp: new Gauge({ name: "cfgitops_last_run_timestamp_seconds", help: "When the last run of this stack, kind and result finished (Unix time).", labelNames: ["stack", "kind", "result"], registers }),
    lastSuccessTimestamp: new Gauge({ name: "cfgitops_last_success_timestamp_seconds", help: "When the last successful run of this stack and kind finished (Unix time).", labelNames: ["stack", "kind"], registers }),
    driftedResources: new Gauge({ name: "cfgitops_drifted_resources", help: "Resources whose live value differs from git, from the last drift check.", labelNames: ["stack", "zone", "kind"], registers }),
    managedResources: new Gauge({ name: "cfgitops_managed_resources", help: "Resources declared in git and managed by cf-gitops.", labelNames: ["stack", "zone", "kind"], registers }),
    policyViolations: new Gauge({ name: "cfgitops_policy_violations", help: "Policy violations in the last evaluated commit.", labelNames: ["stack", "policy", "level"], registers }),
    appliedCommitInfo: new Gauge({ name: "cfgitops_applied_commit_info", help: "The commit last applied successfully (value is always 1).", labelNames: ["stack", "commit", "branch"], registers }),
    cloudflareRequests: new Counter({ name: "cfgitops_cloudflare_requests_total", help: "Requests to the Cloudflare API by method, route template and status.", labelNames: ["method", "route", "status"], registers }),
    gitFetchErrors: new Counter({ name: "cfgitops_git_fetch_errors_total", help: "Failed fetches of the tracked repository.", labelNames: ["stack"], registers }),
    historyWriteErrors: new Counter({ name: "cfgitops_history_write_errors_total", help: "Writes to the run history that failed (a full disk, a locked database): a run not started, or a run's commit, plan, write outcome or end not recorded at the time.", labelNames: ["stack"], registers }),
    queueDepth: new Gauge({ name: "cfgitops_queue_depth", help: "Runs waiting in the stack's queue.", labelNames: ["stack"], registers }),
    certificateExpiry: new Gauge({ name: "cfgitops_certificate_expiry_timestamp_seconds", help: "Expiry (notAfter) of the certificate served for the hostname (Unix time).", labelNames: ["hostname"], registers }),
    seen: new Map(),
  };
}

/** Creates the zero-valued series of a stack so dashboards and `increase()` see them from the start. */
export function registerStack(metrics: Metrics, stack: string): void {
  metrics.gitFetchErrors.inc({ stack }, 0);
  metrics.historyWriteErrors.inc({ stack }, 0);
  metrics.queueDepth.set({ stack }, 0);
}

/**
 * Replaces a per-stack gauge family: series written last time but absent now are set to 0
 * (so alerts resolve and graphs drop), the new ones get their values.
 */
export function replaceStackSeries<T extends string>(
  metrics: Metrics, family: string, gauge: Gauge<T>, stack: string, series: { labels: Labels<T>; value: number }[],
): void {
  const key = `${family} ${stack}`;
  const previous = metrics.seen.get(key) ?? new Map<string, Labels<string>>();
  const next = new Map<string, Labels<string>>();
  const totals = new Map<string, { labels: Labels<T>; value: number }>();
  for (const entry of series) {
    const id = JSON.stringify(entry.labels);
    const total = totals.get(id);
    totals.set(id, { labels: entry.labels, value: (total?.value ?? 0) + entry.value });
  }
  for (const [id, labels] of previous) if (!totals.has(id)) gauge.set(labels as Labels<T>, 0);
  for (const [id, entry] of totals) {
    gauge.set(entry.labels, entry.value);
    next.set(id, entry.labels);
  }
  for (const [id, labels] of previous) if (!next.has(id)) next.set(id, labels);
  metrics.seen.set(key, next);
}

export function setCertificateExpiry(metrics: Metrics, hostname: string, validTo: Date): void {
  metrics.certificateExpiry.set({ hostname }, Math.floor(validTo.getTime() / 1000));
}

export function setAppliedCommit(metrics: Metrics, stack: string, commit: string, branch: string): void {
  const key = `applied_commit ${stack}`;
  for (const labels of metrics.seen.get(key)?.values() ?? []) metrics.appliedCommitInfo.remove(labels as Labels<"stack" | "commit" | "branch">);
  const labels = { stack, commit, branch };
  metrics.appliedCommitInfo.set(labels, 1);
  metrics.seen.set(key, new Map([[JSON.stringify(labels), labels]]));
}

/** DESIGN §6 as data: the contract the dashboard, the alert rules and the tests check against. */
export const metricCatalogue = [
  { name: "cfgitops_runs_total", type: "counter", labels: ["stack", "kind", "result"] },
  { name: "cfgitops_run_duration_seconds", type: "histogram", labels: ["stack", "kind"] },
  { name: "cfgitops_last_run_timestamp_seconds", type: "gauge", labels: ["stack", "kind", "result"] },
  { name: "cfgitops_last_success_timestamp_seconds", type: "gauge", labels: ["stack", "kind"] },
  { name: "cfgitops_drifted_resources", type: "gauge", labels: ["stack", "zone", "kind"] },
  { name: "cfgitops_managed_resources", type: "gauge", labels: ["stack", "zone", "kind"] },
  { name: "cfgitops_policy_violations", type: "gauge", labels: ["stack", "policy", "level"] },
  { name: "cfgitops_applied_commit_info", type: "gauge", labels: ["stack", "commit", "branch"] },
  { name: "cfgitops_cloudflare_requests_total", type: "counter", labels: ["method", "route", "status"] },
  { name: "cfgitops_git_fetch_errors_total", type: "counter", labels: ["stack"] },
  { name: "cfgitops_queue_depth", type: "gauge", labels: ["stack"] },
  { name: "cfgitops_certificate_expiry_timestamp_seconds", type: "gauge", labels: ["hostname"] },
] as const;
