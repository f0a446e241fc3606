// Which commits of the tracked branch the daemon has seen and applied, so that one commit gives
// one apply: a poll queues a run only when the branch moved past what runs have fetched, and a
// poll or webhook request for a commit the last apply already handled is dropped.
import type { RunRequest, Trigger } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";

/** Triggers that only say "the branch moved"; manual, scheduled and start-up runs always run. */
const branchMoved: readonly Trigger[] = ["poll", "webhook"];

export interface CommitTracker {
  /** The newest commit a run has fetched (set as soon as the run fetches, not when it ends). */
  lastSeen(): string | undefined;
  seen(sha: string): void;
  /** Takes a finished run: an apply that ran to a result (not interrupted) has handled its commit. */
  finished(outcome: RunOutcome): void;
  /** True when the request only announces a commit that the last apply already handled. */
  alreadyApplied(request: RunRequest): boolean;
}

export function createCommitTracker(): CommitTracker {
  let seen: string | undefined;
  let applied: string | undefined;
  return {
    lastSeen: () => seen,
    seen: (sha) => void (seen = sha),
    finished(outcome) {
      if (outcome.kind === "apply" && outcome.commit && outcome.result !== "interrupted") applied = outcome.commit.sha;
    },
    alreadyApplied(request) {
      return request.kind === "apply" && request.commit !== undefined && request.commit === applied && request.triggers.every((trigger) => branchMoved.includes(trigger));
    },
  };
}
