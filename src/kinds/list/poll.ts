// Item writes are asynchronous: Cloudflare answers with an operation id and applies the change
// later. The write step polls the operation until it completes, with a bound, so an apply never
// reports a change it has not seen done, and never hangs.
import { ApiError } from "../../shared/errors.ts";

export interface OperationStatus {
  status: string;
  error?: string;
}

export interface PollOptions {
  /** What the operation does, for messages: "replace the items of list office_ips". */
  what: string;
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** The first wait; doubled up to maxDelayMs (defaults 100 ms and 5 s). */
  delayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `completed`; throws on `failed`, on the bound and when aborted. */
export async function pollOperation(read: () => Promise<OperationStatus>, options: PollOptions): Promise<number> {
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 120_000);
  let delay = options.delayMs ?? 100;
  for (let polls = 1; ; polls++) {
    const state = await read();
    if (state.status === "completed") return polls;
    if (state.status === "failed") throw new ApiError(`Cloudflare could not ${options.what}: ${state.error ?? "the bulk operation failed"}`, { hint: "the list is unchanged; fix the items and apply again" });
    if (options.signal?.aborted) throw new ApiError(`cancelled while waiting for Cloudflare to ${options.what}`, { hint: "the operation may still complete; the next plan shows where the list stands" });
    if (now() + delay > deadline) {
      throw new ApiError(`Cloudflare did not ${options.what} within ${(options.timeoutMs ?? 120_000) / 1000} s (still ${state.status} after ${polls} checks)`, {
        hint: "the operation may still complete; run plan again in a few minutes to see where the list stands",
      });
    }
    await sleep(delay);
    delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
  }
}
