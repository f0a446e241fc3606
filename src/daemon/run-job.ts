// What the daemon hands to the process that runs one pipeline pass, and what comes back.
// Everything here crosses a process boundary, so it is plain data.
import type { Change, ChangeOutcome } from "../plan/types.ts";
import type { CommitInfo } from "./git-source.ts";
import type { RunRequest } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";
import type { StageTimeouts } from "./stage.ts";

export interface RunJob {
  runId: number;
  request: RunRequest;
  stackName: string;
  branch: string;
  dataDir: string;
  /** The commit to run at: fetched by the daemon into its clone, checked out by the run. */
  commit: CommitInfo;
  /** The variable the stack file names in `api_token_env`, as the daemon read it; the run gets it. */
  tokenEnv?: string;
  /** Every other stack's token variable: never in this run's environment, whatever its name looks like. */
  otherTokenEnvs?: string[];
  timeouts: StageTimeouts;
  /** Forces an engine (the embedded default uses native); else the stack's own. */
  engine?: "native" | "pulumi";
  logLevel: string;
  /** The policy floor's absolute path (--policy-floor); every run's policies use it. */
  policyFloor?: string;
  /** Drift runs: the audit log is read from here (the stack's previous drift or apply run's start, ISO 8601). */
  attributionSince?: string;
}

export interface CloudflareRequest {
  method: string;
  route: string;
  status: number;
}

export type ParentMessage = { type: "start"; job: RunJob } | { type: "abort" };

export type ChildMessage =
  | { type: "commit"; commit: CommitInfo }
  | { type: "request"; request: CloudflareRequest }
  /** The approved plan, before its first write (recorded as planned changes). */
  | { type: "plan"; changes: Change[] }
  /** One write's outcome, as soon as it is known. */
  | { type: "outcome"; outcome: ChangeOutcome }
  | { type: "done"; outcome: RunOutcome };

export interface RunHooks {
  onCommit(commit: CommitInfo): void;
  onRequest(request: CloudflareRequest): void;
  onPlan?(changes: Change[]): void;
  onOutcome?(outcome: ChangeOutcome): void;
}

/** Runs one job to its outcome; the daemon core takes it from the CLI (it never builds engines). */
export type RunJobFn = (job: RunJob, hooks: RunHooks, signal: AbortSignal) => Promise<RunOutcome>;
