// What each outside trigger does: a push to the tracked branch fetches once and queues the stacks
// the change concerns (branch-sync.ts); a manual request queues one stack's run, or every stack's.
import { HttpError } from "../status/http-util.ts";
import type { PushEvent } from "../status/github-webhook.ts";
import type { ReconcileReply, ReconcileRequest } from "../status/server-options.ts";
import type { BranchSync } from "./branch-sync.ts";
import type { StackRegistry } from "./stack-registry.ts";

export function onPush(branch: string, sync: BranchSync, onError: (error: unknown) => void) {
  return (event: PushEvent): { accepted: boolean; reason?: string } => {
    if (event.branch !== branch) return { accepted: false, reason: `not the tracked branch ${branch}` };
    if (event.deleted) return { accepted: false, reason: "branch deletion is ignored" };
    // Answered at once: GitHub wants a reply within seconds, and the fetch may take longer.
    sync.sync("webhook").catch(onError);
    return { accepted: true };
  };
}

export function onReconcile(stacks: StackRegistry) {
  return (request: ReconcileRequest): ReconcileReply => {
    const all = stacks.list();
    if (request.stack !== undefined) {
      const runtime = stacks.get(request.stack);
      if (!runtime) {
        const known = all.map((stack) => stack.name).join(", ") || "none yet";
        throw new HttpError(404, "unknown-stack", `no stack named "${request.stack}"; the daemon runs: ${known}`);
      }
      return { queued: true, kind: request.kind, stack: runtime.name, ...runtime.queue.enqueue(request.kind, "manual") };
    }
    if (all.length === 0) throw new HttpError(503, "no-stacks", "no stack is known yet: the repository has not been read");
    const queued = all.map((runtime) => ({ stack: runtime.name, ...runtime.queue.enqueue(request.kind, "manual") }));
    return { queued: true, kind: request.kind, stacks: queued, coalesced: queued.every((entry) => entry.coalesced) };
  };
}
