// One fetch for every stack. Callers that arrive while a fetch runs share the next one (it starts
// after they arrived, so it sees their commit). After each fetch the daemon learns which stacks the
// commit has, and queues an apply for every stack the change concerns (change-router.ts); the
// others are marked as having seen the commit.
import type { Logger } from "pino";
import { stackConcerned } from "./change-router.ts";
import type { CommitInfo, RepoMirror, StackFileRef } from "./git-source.ts";
import type { Trigger } from "./run-queue.ts";
import type { StackConfig } from "../desired-state/types.ts";

/** What the branch sync needs of a stack to route a commit to it. */
export interface StackTarget {
  name: string;
  lastSeen(): string | undefined;
  seen(sha: string): void;
  /** The stack's settings from its last run (include patterns), if any. */
  config(): StackConfig | undefined;
  enqueueApply(trigger: Trigger, commit: string): void;
}

export interface BranchSyncOptions {
  mirror: Pick<RepoMirror, "fetch" | "changedFiles" | "stackFiles">;
  /** Takes the stacks found at the head; returns the names it just added (their first run is queued). */
  stacksAt(files: StackFileRef[], trigger: Trigger, head: CommitInfo): string[];
  targets(): StackTarget[];
  log: Logger;
}

export interface BranchSync {
  /**
   * Fetches (or joins the fetch about to start) and routes the head to the stacks. `claim` runs
   * before routing: a stack about to run at this head marks it seen, so it is not queued again.
   */
  sync(trigger: Trigger, claim?: (head: CommitInfo) => void): Promise<CommitInfo>;
  /** The head fetched last, and when. */
  head(): { commit: CommitInfo; at: number } | undefined;
}

interface Waiter {
  trigger: Trigger;
  claim?: ((head: CommitInfo) => void) | undefined;
  resolve(head: CommitInfo): void;
  reject(error: unknown): void;
}

export function createBranchSync(options: BranchSyncOptions): BranchSync {
  let waiting: Waiter[] = [];
  let busy = false;
  let last: { commit: CommitInfo; at: number } | undefined;

  async function route(head: CommitInfo, trigger: Trigger): Promise<void> {
    const targets = options.targets();
    // What changed since each base (most stacks share one), read while the stack files are listed.
    const bases = [...new Set(targets.map((target) => target.lastSeen()).filter((base): base is string => base !== undefined && base !== head.sha))];
    const [files, ...diffs] = await Promise.all([
      options.mirror.stackFiles(head.sha).catch((error: unknown) => {
        options.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not list the stacks at the fetched commit");
        return undefined;
      }),
      ...bases.map((base) => options.mirror.changedFiles(base, head.sha)),
    ]);
    const changedSince = new Map(bases.map((base, index) => [base, diffs[index]]));
    const added = files ? options.stacksAt(files, trigger, head) : [];
    for (const target of targets) {
      if (added.includes(target.name)) continue;
      const base = target.lastSeen();
      if (base === head.sha) continue;
      const changed = base === undefined ? undefined : changedSince.get(base);
      if (changed && !stackConcerned(target.name, target.config(), changed)) {
        target.seen(head.sha);
        options.log.debug({ stack: target.name, commit: head.sha }, "commit does not concern the stack; no run");
        continue;
      }
      target.enqueueApply(trigger, head.sha);
    }
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    while (waiting.length > 0) {
      // Callers of the same moment (a push that wakes several stacks) share this fetch.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = waiting;
      waiting = [];
      try {
        const head = await options.mirror.fetch();
        last = { commit: head, at: Date.now() };
        for (const waiter of batch) waiter.claim?.(head);
        // A push says more than "something moved": it names the trigger of every run it causes.
        await route(head, batch.find((waiter) => waiter.trigger === "webhook")?.trigger ?? batch[0]!.trigger);
        for (const waiter of batch) waiter.resolve(head);
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    busy = false;
  }

  return {
    sync(trigger, claim) {
      return new Promise((resolve, reject) => {
        waiting.push({ trigger, claim, resolve, reject });
        void drain();
      });
    },
    head: () => last,
  };
}
