// Which commit of the tracked branch the daemon has seen, so a poll only queues a run when the
// branch has moved.
export interface CommitTracker {
  /** The newest commit a run has fetched. */
  lastSeen(): string | undefined;
  seen(sha: string): void;
}

export function createCommitTracker(): CommitTracker {
  let last: string | undefined;
  return {
    lastSeen: () => last,
    seen: (sha) => void (last = sha),
  };
}
