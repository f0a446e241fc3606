// Writes to the run history that fail (issue 22 item 4: a full disk, a database another process
// holds locked). None may fail silently: each is logged and counted
// (cfgitops_history_write_errors_total), and the page says so until a write succeeds again. A run
// whose end could not be written has it written later, retried in the background with growing
// pauses, instead of staying "running" until a restart.
import type { Logger } from "pino";
import { fileSystemReason } from "../history/open-errors.ts";
import type { HistoryWriteStatus } from "../status/model.ts";
import type { Metrics } from "../status/metrics.ts";

export interface HistoryWrites {
  /** Runs one write; a failure is logged, counted and shown, then thrown to the caller. */
  attempt<T>(stack: string, what: string, write: () => T, fields?: Record<string, unknown>): T;
  /** Writes a run's end now, or keeps trying in the background until it is written or the daemon stops. */
  finish(stack: string, runId: number, write: () => void): void;
  /** Whether writes are failing now, for the page and /api/status. */
  current(): HistoryWriteStatus | undefined;
}

export interface HistoryWritesOptions {
  metrics: Metrics;
  log: Logger;
  /** The page's model is rebuilt when the problem starts or ends. */
  changed(): void;
  signal: AbortSignal;
  /** Pauses between attempts at a run's end (default 2 s, doubling up to a minute). */
  retryMs?: { first: number; max: number };
}

/** SQLite's words for what went wrong ("database is locked", "database or disk is full"). */
export function writeFailure(error: unknown): string {
  return fileSystemReason(error);
}

export function createHistoryWrites(options: HistoryWritesOptions): HistoryWrites {
  const { log, metrics } = options;
  const retry = options.retryMs ?? { first: 2_000, max: 60_000 };
  let problem: { error: string; errorAt: string } | undefined;
  const pending = new Set<number>();

  function failed(stack: string, what: string, error: unknown, fields: Record<string, unknown>): void {
    const reason = writeFailure(error);
    metrics.historyWriteErrors.inc({ stack });
    log.error({ stack, err: reason, ...fields }, `could not record ${what} in history`);
    const fresh = problem === undefined;
    problem = { error: reason, errorAt: new Date().toISOString() };
    if (fresh) options.changed();
  }

  function succeeded(): void {
    if (problem === undefined || pending.size > 0) return;
    problem = undefined;
    log.info("the run history can be written again");
    options.changed();
  }

  function attempt<T>(stack: string, what: string, write: () => T, fields: Record<string, unknown> = {}): T {
    try {
      const result = write();
      succeeded();
      return result;
    } catch (error) {
      failed(stack, what, error, fields);
      throw error;
    }
  }

  function later(stack: string, runId: number, write: () => void, delay: number): void {
    const timer = setTimeout(() => {
      if (options.signal.aborted) return; // the next daemon marks the run interrupted
      try {
        attempt(stack, "the end of the run", write, { runId, retried: true });
        pending.delete(runId);
        log.info({ stack, runId }, "the end of the run was recorded after all");
        succeeded();
      } catch {
        later(stack, runId, write, Math.min(delay * 2, retry.max));
      }
    }, delay);
    timer.unref();
  }

  return {
    attempt,
    finish(stack, runId, write) {
      try {
        attempt(stack, "the end of the run", write, { runId });
      } catch {
        pending.add(runId);
        options.changed();
        later(stack, runId, write, retry.first);
      }
    },
    current: () => (problem ? { ...problem, pendingEnds: pending.size } : undefined),
  };
}
