// What one run produces, and the port through which the daemon records it (history lives behind it).
import type { Diagnostic, StackConfig } from "../desired-state/types.ts";
import type { Change, ChangeOutcome, Plan } from "../plan/types.ts";
import type { PolicyReport } from "../policy/index.ts";
import type { CommitInfo } from "./git-source.ts";
import type { ManagedCount } from "./managed-resources.ts";
import type { CertificateTarget } from "../status/certificates.ts";
import type { DaemonRunKind, Trigger } from "./run-queue.ts";

export type RunOutcomeResult = "success" | "failure" | "blocked" | "interrupted";

export interface RunStart {
  stack: string;
  kind: DaemonRunKind;
  triggers: Trigger[];
}

export interface RunOutcome {
  runId: number;
  stack: string;
  kind: DaemonRunKind;
  triggers: Trigger[];
  result: RunOutcomeResult;
  startedAt: number;
  finishedAt: number;
  commit?: CommitInfo;
  branch: string;
  error?: string;
  diagnostics: Diagnostic[];
  plan?: Plan;
  outcomes: ChangeOutcome[];
  policy?: PolicyReport;
  /** Drift runs: the drift report's changes (before = live, after = git). */
  drift?: Change[];
  stackConfig?: StackConfig;
  /** What git declares, per zone and kind, when the commit loaded. */
  managed?: ManagedCount[];
  /** After a successful apply: the hostnames whose certificates the daemon watches. */
  certificateTargets?: CertificateTarget[];
}

export interface RunRecorder {
  /** Must be durable before the run makes any API call. */
  start(run: RunStart): number;
  setCommit(runId: number, commit: CommitInfo, branch: string): void;
  /** The approved plan's changes, before the first write: each is "planned" until its outcome comes. */
  planned(runId: number, changes: readonly Change[]): void;
  /** One write's outcome, durable as soon as it is known (a run killed later still shows it). */
  outcome(runId: number, outcome: ChangeOutcome): void;
  finish(outcome: RunOutcome): void;
}
