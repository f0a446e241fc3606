// One stack's run queue: runs never overlap, and triggers that arrive during a run coalesce
// into one next run per kind (ten pushes during an apply give one next apply, at the newest commit).
// The queue takes requests from creation but runs nothing until start() gives it an executor, so
// the daemon can wire its parts in order and start runs last. Before each run it waits for one of
// the slots all stacks share (run-slots.ts); a request stays pending (and keeps coalescing) until then.
import { createRunSlots, type RunSlots } from "./run-slots.ts";

export type DaemonRunKind = "apply" | "drift";
export type Trigger = "webhook" | "poll" | "schedule" | "manual" | "startup" | "recovery";

export interface RunRequest {
  kind: DaemonRunKind;
  triggers: Trigger[];
  /** Newest commit a trigger announced, if it knew one (webhook, poll). The run still fetches. */
  commit?: string;
  queuedAt: number;
}

export type RunExecutor = (request: RunRequest) => Promise<void>;

export interface RunQueue {
  enqueue(kind: DaemonRunKind, trigger: Trigger, commit?: string): { coalesced: boolean };
  /** Begins running queued requests, one at a time, with this executor. */
  start(execute: RunExecutor): void;
  depth(): number;
  running(): RunRequest | undefined;
  /** Resolves when nothing is running or pending. */
  idle(): Promise<void>;
  /** Stop taking new work; resolves after the current run ends. Pending runs are dropped. */
  close(): Promise<void>;
}

export interface RunQueueOptions {
  onDepthChange?: (depth: number) => void;
  slots?: RunSlots;
  /** The executor threw (it records its own failures; this is for what it could not): never silent. */
  onError?: (error: unknown, request: RunRequest) => void;
}

export function createRunQueue(options: RunQueueOptions = {}): RunQueue {
  const pending: RunRequest[] = [];
  const slots = options.slots ?? createRunSlots(1);
  let execute: RunExecutor | undefined;
  let current: RunRequest | undefined;
  let draining = false;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  function notifyDepth(): void {
    options.onDepthChange?.(pending.length);
  }

  function settleIdle(): void {
    if (draining || pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async function drain(run: RunExecutor): Promise<void> {
    if (draining) return;
    draining = true;
    while (!closed && pending.length > 0) {
      // A free slot is taken at once, so a run starts in the same tick as its request (and later
      // triggers coalesce into the next run, not into this one).
      const release = slots.tryAcquire() ?? (await slots.acquire());
      if (closed || pending.length === 0) {
        release();
        break;
      }
      current = pending.shift()!;
      notifyDepth();
      try {
        await run(current);
      } catch (error) {
        // The queue keeps going regardless; the error is reported, never swallowed.
        options.onError?.(error, current);
      } finally {
        current = undefined;
        release();
      }
    }
    draining = false;
    settleIdle();
  }

  return {
    enqueue(kind, trigger, commit) {
      if (closed) return { coalesced: false };
      const waiting = pending.find((request) => request.kind === kind);
      if (waiting) {
        if (!waiting.triggers.includes(trigger)) waiting.triggers.push(trigger);
        if (commit) waiting.commit = commit;
        return { coalesced: true };
      }
      pending.push({ kind, triggers: [trigger], ...(commit ? { commit } : {}), queuedAt: Date.now() });
      notifyDepth();
      if (execute) void drain(execute);
      return { coalesced: false };
    },
    start(run) {
      if (execute) throw new Error("the run queue is already started");
      execute = run;
      void drain(run);
    },
    depth: () => pending.length,
    running: () => current,
    idle() {
      if (!draining && pending.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      pending.length = 0;
      notifyDepth();
      // A queue only waiting for a slot has nothing to finish.
      if (current) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
