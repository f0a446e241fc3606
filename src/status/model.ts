// What the status page, /api/status and status.json show: one plain, JSON-serialisable document.
import type { DriftAttribution } from "../plan/types.ts";
import type { HistoryStore } from "../history/store.ts";
import type { DayActivity, DriftItemRecord, InventoryCount, LatestDrift, PolicyResultRecord, RunDetails, RunRecord, ZoneChange } from "../history/types.ts";
import { compareText } from "../shared/compare-text.ts";

export interface ScheduledCheck {
  kind: "drift" | "apply" | "poll";
  at: string; // ISO 8601
}

/**
 * How a stack is doing, for the overview: failing (its last apply or drift check failed: the
 * account is unreachable, the stack file or desired state is broken), blocked (a mandatory policy
 * stopped its last apply), drifted, in sync, or pending (nothing finished yet).
 */
export type StackState = "failing" | "blocked" | "drifted" | "in sync" | "pending";

export interface StackHealth {
  state: StackState;
  /** Why it is failing, blocked or drifted (the run's error). */
  reason?: string;
  /** The run that says so. */
  runId?: number;
}

export interface StackStatus {
  name: string;
  health: StackHealth;
  branch?: string;
  engine?: string;
  appliedCommit?: { sha: string; author?: string; message?: string; appliedAt?: string; runId: number };
  lastRun?: RunRecord;
  /** The run in progress, if any. */
  running?: RunRecord;
  nextChecks: ScheduledCheck[];
  queueDepth?: number;
  /** resolvedByRunId: a successful apply finished after this check, so live should equal git again. */
  drift?: { checkedAt: string; runId: number; items: DriftItemRecord[]; resolvedByRunId?: number; attribution?: DriftAttribution };
  policy?: { runId: number; results: PolicyResultRecord[] };
  /** The last `timelineDays` UTC days, oldest first: runs, failures, drift per day. */
  activity: DayActivity[];
  inventory: StackInventory;
  /** Newest first. Long change lists are cut to `changeLimit`; the counts say how many were left out. */
  runs: (RunDetails & { omittedChanges?: number; omittedDrift?: number })[];
}

/**
 * Per zone: what git declared at the newest successful apply (so what cf-gitops manages in Cloudflare
 * now), and the newest apply that changed something in it.
 */
export interface StackInventory {
  /** The apply the counts come from. */
  runId?: number;
  commit?: string;
  zones: { zone: string; counts: InventoryCount[]; total: number; lastChange?: ZoneChange }[];
}

export interface CertificateStatus {
  hostname: string;
  port?: number;
  validTo?: string;
  issuer?: string;
  checkedAt: string;
  error?: string;
}

/** The tracked branch as the daemon last fetched it, and the last fetch that failed since. */
export interface SourceStatus {
  branch: string;
  head?: string;
  fetchedAt?: string;
  error?: string;
  errorAt?: string;
}

/** Writes to the run history are failing (issue 22 item 4): since when, why, and what waits to be written. */
export interface HistoryWriteStatus {
  error: string;
  errorAt: string;
  /** Runs whose end is waiting to be written (retried in the background). */
  pendingEnds: number;
}

export interface StatusModel {
  generatedAt: string;
  title?: string;
  source?: SourceStatus;
  history?: HistoryWriteStatus;
  stacks: StackStatus[];
  certificates: CertificateStatus[];
}

/** What the daemon knows that history doesn't: configuration and schedules. */
export interface StackInfo {
  name: string;
  branch?: string;
  engine?: string;
  nextChecks?: ScheduledCheck[];
  queueDepth?: number;
}

export interface BuildStatusOptions {
  /** Defaults to every stack with history. */
  stacks?: StackInfo[];
  certificates?: CertificateStatus[];
  now?: Date;
  /** Runs shown per stack (with their changes); default 50. */
  runLimit?: number;
  /** Days in each stack's timeline; default 30. */
  timelineDays?: number;
  /** Changes (and drift items) kept per listed run; default 100. The full run is at /api/runs/:id. */
  changeLimit?: number;
  title?: string;
  source?: SourceStatus;
  history?: HistoryWriteStatus;
}

function driftStatus(drift: LatestDrift, applied: RunRecord | undefined): NonNullable<StackStatus["drift"]> {
  const resolved = applied !== undefined && applied.id > drift.run.id && drift.items.length > 0;
  return {
    checkedAt: drift.run.finishedAt ?? drift.run.startedAt, runId: drift.run.id, items: drift.items,
    ...(resolved ? { resolvedByRunId: applied.id } : {}),
    ...(drift.run.attribution ? { attribution: drift.run.attribution } : {}),
  };
}

function trimRun(run: RunDetails, limit: number): StackStatus["runs"][number] {
  if (run.changes.length <= limit && run.drift.length <= limit) return run;
  return {
    ...run,
    changes: run.changes.slice(0, limit),
    drift: run.drift.slice(0, limit),
    ...(run.changes.length > limit ? { omittedChanges: run.changes.length - limit } : {}),
    ...(run.drift.length > limit ? { omittedDrift: run.drift.length - limit } : {}),
  };
}

function health(history: HistoryStore, name: string, drift: StackStatus["drift"], applied: RunRecord | undefined): StackHealth {
  // The newest finished apply and drift check each have their say (the newer failing one wins); a
  // drift check that failed before the last successful apply is no longer news.
  const failing = [history.latestRun(name, { kind: "apply" }), history.latestRun(name, { kind: "drift" })]
    .filter((run): run is RunRecord => run !== undefined && run.result !== "success" && run.result !== "interrupted")
    .filter((run) => run.kind === "apply" || applied === undefined || run.id > applied.id)
    .sort((a, b) => b.id - a.id)[0];
  if (failing) return { state: failing.result === "blocked" ? "blocked" : "failing", reason: failing.error ?? `${failing.kind} run ${failing.result}`, runId: failing.id };
  const drifted = drift && drift.resolvedByRunId === undefined ? drift.items.length : 0;
  if (drifted > 0) return { state: "drifted", reason: `${drifted} resource${drifted === 1 ? "" : "s"} differ from git`, runId: drift!.runId };
  const last = history.latestRun(name);
  return last ? { state: "in sync", runId: last.id } : { state: "pending" };
}

function inventory(history: HistoryStore, name: string): StackInventory {
  const latest = history.latestInventory(name);
  const changes = new Map(history.zoneChanges(name).map((change) => [change.zone, change]));
  const byZone = new Map<string, InventoryCount[]>();
  for (const count of latest?.counts ?? []) byZone.set(count.zone, [...(byZone.get(count.zone) ?? []), count]);
  // A zone changed within retention but no longer declared is listed too, with no counts.
  for (const zone of changes.keys()) if (!byZone.has(zone)) byZone.set(zone, []);
  const zones = [...byZone].sort(([a], [b]) => compareText(a, b)).map(([zone, counts]) => ({
    zone, counts, total: counts.reduce((sum, count) => sum + count.count, 0),
    ...(changes.has(zone) ? { lastChange: changes.get(zone)! } : {}),
  }));
  return { ...(latest ? { runId: latest.run.id } : {}), ...(latest?.run.commit === undefined ? {} : { commit: latest.run.commit }), zones };
}

interface Limits {
  runs: number;
  changes: number;
  days: number;
  now: Date;
}

function stackStatus(history: HistoryStore, info: StackInfo, limits: Limits): StackStatus {
  const name = info.name;
  const applied = history.latestRun(name, { kind: "apply", successful: true });
  const latestDrift = history.latestDrift(name);
  const drift = latestDrift ? driftStatus(latestDrift, applied) : undefined;
  const policy = history.latestPolicyResults(name);
  const runs = history.listRunDetails({ stack: name, limit: limits.runs }).map((run) => trimRun(run, limits.changes));
  const last = history.latestRun(name);
  const running = runs.find((run) => run.result === "running");
  return {
    name,
    health: health(history, name, drift, applied),
    ...(info.branch === undefined ? {} : { branch: info.branch }),
    ...(info.engine === undefined ? {} : { engine: info.engine }),
    ...(applied?.commit === undefined ? {} : {
      appliedCommit: {
        sha: applied.commit, runId: applied.id,
        ...(applied.author === undefined ? {} : { author: applied.author }),
        ...(applied.message === undefined ? {} : { message: applied.message }),
        ...(applied.finishedAt === undefined ? {} : { appliedAt: applied.finishedAt }),
      },
    }),
    ...(last ? { lastRun: last } : {}),
    ...(running ? { running } : {}),
    nextChecks: info.nextChecks ?? [],
    ...(info.queueDepth === undefined ? {} : { queueDepth: info.queueDepth }),
    ...(drift ? { drift } : {}),
    ...(policy ? { policy: { runId: policy.run.id, results: policy.results } } : {}),
    activity: history.dailyActivity(name, { days: limits.days, now: limits.now }),
    inventory: inventory(history, name),
    runs,
  };
}

export function buildStatusModel(history: HistoryStore, options: BuildStatusOptions = {}): StatusModel {
  const stacks = options.stacks ?? history.stacks().map((name) => ({ name }));
  const now = options.now ?? new Date();
  const limits = { runs: options.runLimit ?? 50, changes: options.changeLimit ?? 100, days: options.timelineDays ?? 30, now };
  return {
    generatedAt: now.toISOString(),
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.history === undefined ? {} : { history: options.history }),
    stacks: stacks.map((info) => stackStatus(history, info, limits)),
    certificates: options.certificates ?? [],
  };
}
