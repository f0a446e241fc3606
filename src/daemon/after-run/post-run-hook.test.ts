import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../shared/logger.ts";
import type { RunOutcome } from "../run-types.ts";
import { runPostRunHooks, type PostRunHook } from "./post-run-hook.ts";

const outcome: RunOutcome = { runId: 4, stack: "default", kind: "apply", triggers: ["webhook"], result: "success", startedAt: 0, finishedAt: 1, branch: "main", diagnostics: [], outcomes: [] };

describe("post-run hooks", () => {
  it("run in order, each after the previous one finished, and a failing one does not stop the rest", async () => {
    const calls: string[] = [];
    const logged: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void logged.push(chunk.toString())) });
    const log = createLogger({ level: "warn", destination });
    const hook = (name: string, work?: () => Promise<void>): PostRunHook => ({
      name,
      async afterRun(seen) {
        expect(seen).toBe(outcome);
        await work?.();
        calls.push(name);
      },
    });
    await runPostRunHooks([
      hook("metrics", () => new Promise((resolve) => setTimeout(resolve, 20))),
      hook("page", async () => Promise.reject(new Error("disk full"))),
      hook("notify"),
    ], outcome, log);
    expect(calls).toEqual(["metrics", "notify"]);
    expect(logged.join("")).toContain('"hook":"page"');
    expect(logged.join("")).toContain("disk full");
  });
});
