// Stage timeouts: each pipeline stage gets its own deadline, tied to the daemon's shutdown signal.
import { AbortedError } from "../shared/errors.ts";

export type StageName = "fetch" | "load" | "policy" | "plan" | "apply" | "drift";

export type StageTimeouts = Record<StageName, number>;

export const defaultStageTimeouts: StageTimeouts = {
  fetch: 60_000,
  load: 30_000,
  policy: 30_000,
  plan: 300_000,
  apply: 900_000,
  drift: 300_000,
};

export class StageTimeoutError extends AbortedError {
  override name = "StageTimeoutError";
}

/** Runs one stage with a signal that fires on shutdown or after the stage's timeout. */
export async function runStage<T>(
  name: StageName,
  timeoutMs: number,
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new StageTimeoutError(`stage "${name}" timed out after ${Math.round(timeoutMs / 1000)} s`));
      reject(controller.signal.reason);
    }, timeoutMs);
  });
  const onParentAbort = () => controller.abort(parent?.reason ?? new AbortedError(`stage "${name}" cancelled`));
  parent?.addEventListener("abort", onParentAbort, { once: true });
  try {
    parent?.throwIfAborted();
    return await Promise.race([work(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}
