// What each outside trigger does to the queue: a push to the tracked branch, a manual request, and
// a git poll that found the branch moved.
import type { PushEvent } from "../status/github-webhook.ts";
import type { ReconcileReply, ReconcileRequest } from "../status/server-options.ts";
import type { CommitTracker } from "./commit-tracker.ts";
import type { GitSource } from "./git-source.ts";
import type { RunQueue } from "./run-queue.ts";

export function onPush(branch: string, queue: RunQueue) {
  return (event: PushEvent): { accepted: boolean; reason?: string } => {
    if (event.branch !== branch) return { accepted: false, reason: `not the tracked branch ${branch}` };
    if (event.deleted) return { accepted: false, reason: "branch deletion is ignored" };
    queue.enqueue("apply", "webhook", event.after);
    return { accepted: true };
  };
}

export function onReconcile(queue: RunQueue) {
  return (request: ReconcileRequest): ReconcileReply => ({ queued: true, kind: request.kind, ...queue.enqueue(request.kind, "manual") });
}

/** The branch head when it is not the commit runs last fetched, else undefined (nothing to do). */
export function pollHead(source: GitSource, commits: CommitTracker) {
  return async (): Promise<string | undefined> => {
    const head = await source.remoteHead();
    return head !== commits.lastSeen() ? head : undefined;
  };
}
