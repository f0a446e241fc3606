// One stack's run queue: runs never overlap, and triggers that arrive during a run coalesce
// into one next run per kind (ten pushes during an apply give one next apply, at the newest commit).
// The queue takes requests from creation but runs nothing until start() gives it an executor, so
// the daemon can wire its parts in order and start runs last.

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

export function createRunQueue(options: { onDepthChange?: (depth: number) => void } = {}): RunQueue {
  const pending: RunRequest[] = [];
  let execute: RunExecutor | undefined;
  let current: RunRequest | undefined;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  function notifyDepth(): void {
    options.onDepthChange?.(pending.length);
  }

  function settleIdle(): void {
    if (current || pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async function drain(run: RunExecutor): Promise<void> {
    while (!closed && pending.length > 0) {
      current = pending.shift()!;
      notifyDepth();
      try {
        await run(current);
      } catch {
        // The executor records its own failures; the queue must keep going regardless.
      }
      current = undefined;
    }
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
      if (execute && !current) void drain(execute);
      return { coalesced: false };
    },
    start(run) {
      if (execute) throw new Error("the run queue is already started");
      execute = run;
      if (!current) void drain(run);
    },
    depth: () => pending.length,
    running: () => current,
    idle() {
      if (!current && pending.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      pending.length = 0;
      notifyDepth();
      if (current) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
