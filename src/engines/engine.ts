// The Engine port (DESIGN §4, §10). The core builds on this interface only; adapters live in
// native/ and pulumi/ and are constructed by the CLI or the daemon.
import type { Logger } from "pino";
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import type { ApplyResult, ChangeOutcome, Plan } from "../plan/types.ts";

export interface ProgressEvent {
  stage: "read" | "plan" | "apply" | "refresh";
  message: string;
  done?: number;
  total?: number;
}

export interface RunOptions {
  stack: StackConfig;
  log: Logger;
  signal?: AbortSignal;
  commit?: string;
  onProgress?(event: ProgressEvent): void;
  /**
   * Called with the plan after it is computed and before the first write call.
   * Returning false aborts the apply with status "declined" (policy gate, confirmation prompt).
   */
  approve?(plan: Plan): Promise<boolean>;
  /**
   * Apply only: the fingerprint (planFingerprint, src/plan/fingerprint.ts) of the plan that was
   * approved for this apply, e.g. by a person long before the run (a "held for approval" run). The
   * engine plans again and refuses with ApprovedPlanChangedError, writing nothing, unless its fresh
   * plan has exactly this fingerprint; `approve` is still called after that. Without it the Pulumi
   * engine still previews once more right before `up` and refuses when the changes differ from the
   * ones `approve` saw (docs/pulumi.md, "What apply runs").
   */
  approvedFingerprint?: string;
  /**
   * Called as soon as each write's outcome is known (applied or failed), before the next write,
   * so a run killed half-way still has a record of what it changed (issue 11 item 8). Outcomes
   * still arrive all together in ApplyResult; this is the early copy.
   */
  onOutcome?(outcome: ChangeOutcome): void;
  /**
   * Drift only: read the account's audit log from here on to say who changed each drifted object
   * (the stack's previous drift or apply run; default a week back). `false` skips attribution.
   */
  attributionSince?: Date | false;
}

export interface Engine {
  readonly name: "native" | "pulumi";
  plan(desired: DesiredState, options: RunOptions): Promise<Plan>;
  apply(desired: DesiredState, options: RunOptions): Promise<ApplyResult>;
  /**
   * Applies a saved plan, exactly, or refuses with a SavedPlanError (nothing written) when it was
   * made for another account or Cloudflare moved since. `desired` is today's desired state: the
   * Pulumi engine previews it again (see docs/architecture.md, "Saved plans").
   */
  applySaved(saved: Plan, desired: DesiredState, options: RunOptions): Promise<ApplyResult>;
  /** Live vs desired, read-only: `before` is live, `after` is what git says. */
  drift(desired: DesiredState, options: RunOptions): Promise<Plan>;
}
