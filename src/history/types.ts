// The records kept in the history database, as the rest of the daemon reads them.
import type { ChangedBy, DriftAttribution } from "../plan/types.ts";

export type RecordedRunKind = "apply" | "drift" | "preview";
export type RunTrigger = "webhook" | "poll" | "schedule" | "manual" | "startup" | "recovery";
/** A run is "running" until it finishes; an apply with nothing to change is a "success". */
export type RecordedRunResult = "running" | "success" | "failure" | "blocked" | "interrupted";

export interface RunSummary {
  create: number;
  update: number;
  delete: number;
  replace: number;
  import: number;
}

export interface RunRecord {
  id: number;
  stack: string;
  kind: RecordedRunKind;
  triggers: RunTrigger[];
  commit?: string;
  branch?: string;
  author?: string;
  message?: string;
  startedAt: string; // ISO 8601, UTC
  finishedAt?: string;
  durationMs?: number;
  result: RecordedRunResult;
  error?: string;
  diagnostics: unknown[];
  summary?: RunSummary;
  /** Drift checks: how the audit log was read, and why attribution is missing when it is. */
  attribution?: DriftAttribution;
}

export interface ChangeRecord {
  kind: string;
  id: string;
  zone?: string;
  op: string;
  fields: string[];
  before?: unknown;
  after?: unknown;
  /** applied | failed | skipped | planned (preview/blocked runs) */
  outcome?: string;
  error?: string;
}

export interface PolicyResultRecord {
  policy: string;
  level: string; // mandatory | advisory | disabled
  status: string; // the policy engine's: passed | failed | skipped | disabled | error
  message?: string;
  violations?: unknown[];
  /** What the policy floor decided (policy/types.ts PolicyFloorResult): its level, params, and what applied. */
  floor?: { level?: string; params?: Record<string, unknown>; applied: string[]; refused?: string[] };
}

export interface DriftItemRecord {
  zone?: string;
  kind: string;
  id: string;
  op: string;
  fields: string[];
  before?: unknown; // live
  after?: unknown; // git
  /** Who last changed the live object, from the account's audit log. */
  changedBy?: ChangedBy;
}

export interface RunDetails extends RunRecord {
  changes: ChangeRecord[];
  policy: PolicyResultRecord[];
  drift: DriftItemRecord[];
}

export interface StartRunInput {
  stack: string;
  kind: RecordedRunKind;
  trigger: RunTrigger | RunTrigger[];
  commit?: string;
  branch?: string;
  author?: string;
  message?: string;
  startedAt?: Date;
}

export interface FinishRunInput {
  result: Exclude<RecordedRunResult, "running">;
  finishedAt?: Date;
  error?: string;
  diagnostics?: unknown[];
  summary?: RunSummary;
  attribution?: DriftAttribution;
}

export interface CommitInput {
  commit: string;
  branch?: string;
  author?: string;
  message?: string;
}

export interface LatestDrift {
  run: RunRecord;
  items: DriftItemRecord[];
}

/** One UTC day of a stack's history, for the page's timeline. */
export interface DayActivity {
  day: string; // YYYY-MM-DD, UTC
  runs: number;
  /** Runs that failed or were blocked by policy. */
  failures: number;
  /** The most drifted resources a drift check of this day found. */
  drift: number;
  /** Drift checks completed this day (0: no drift figure for it). */
  driftChecks: number;
}

/** How many resources of a kind git declared in a zone ("account" for account-level ones). */
export interface InventoryCount {
  zone: string;
  kind: string;
  count: number;
}

/** The newest apply that changed something in a zone. */
export interface ZoneChange {
  zone: string;
  runId: number;
  at: string;
  commit?: string;
  author?: string;
}
