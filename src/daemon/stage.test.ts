import { describe, expect, it } from "vitest";
import { runStage, StageTimeoutError } from "./stage.ts";

describe("runStage", () => {
  it("returns the stage's value", async () => {
    expect(await runStage("load", 1000, undefined, async () => 42)).toBe(42);
  });

  it("fails with a named timeout and aborts the stage's signal", async () => {
    let seen: AbortSignal | undefined;
    const error = await runStage("plan", 20, undefined, (signal) => {
      seen = signal;
      return new Promise(() => {});
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageTimeoutError);
    expect((error as Error).message).toContain('stage "plan" timed out');
    expect(seen?.aborted).toBe(true);
  });

  it("propagates the parent's cancellation", async () => {
    const parent = new AbortController();
    const pending = runStage("apply", 10_000, parent.signal, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    parent.abort(new Error("shutdown"));
    await expect(pending).rejects.toThrow("shutdown");
  });
});
