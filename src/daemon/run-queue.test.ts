import { describe, expect, it } from "vitest";
import { createRunQueue, type RunExecutor, type RunRequest } from "./run-queue.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function running(execute: RunExecutor) {
  const queue = createRunQueue();
  queue.start(execute);
  return queue;
}

describe("run queue", () => {
  it("reports an executor's error instead of swallowing it, and keeps going (issue 22 item 4)", async () => {
    const errors: Array<[string, string]> = [];
    const queue = createRunQueue({ onError: (error, request) => errors.push([(error as Error).message, request.kind]) });
    const seen: string[] = [];
    queue.start(async (request) => {
      if (request.kind === "apply") throw new Error("database is locked");
      seen.push(request.kind);
    });
    queue.enqueue("apply", "webhook");
    queue.enqueue("drift", "schedule");
    await queue.idle();
    expect(errors).toEqual([["database is locked", "apply"]]);
    expect(seen).toEqual(["drift"]);
  });

  it("holds requests until it is started, then runs them in order", async () => {
    const seen: string[] = [];
    const depths: number[] = [];
    const queue = createRunQueue({ onDepthChange: (depth) => depths.push(depth) });
    queue.enqueue("apply", "startup");
    queue.enqueue("drift", "schedule");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([]);
    expect(queue.depth()).toBe(2);
    queue.start(async (request) => void seen.push(request.kind));
    await queue.idle();
    expect(seen).toEqual(["apply", "drift"]);
    expect(depths.at(-1)).toBe(0);
    expect(() => queue.start(async () => undefined)).toThrow(/already started/);
  });

  it("coalesces triggers that arrive during a run into one next run with the newest commit", async () => {
    const seen: RunRequest[] = [];
    const gate = deferred();
    const queue = running(async (request) => {
      seen.push(structuredClone(request));
      if (seen.length === 1) await gate.promise;
    });
    queue.enqueue("apply", "startup");
    for (let i = 1; i <= 10; i++) queue.enqueue("apply", "webhook", `commit-${i}`);
    expect(queue.depth()).toBe(1);
    gate.resolve();
    await queue.idle();
    expect(seen).toHaveLength(2);
    expect(seen[1]!.commit).toBe("commit-10");
    expect(seen[1]!.triggers).toEqual(["webhook"]);
  });

  it("never runs two at once and keeps FIFO order between kinds", async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const queue = running(async (request) => {
      active++;
      maxActive = Math.max(maxActive, active);
      order.push(request.kind);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
    queue.enqueue("apply", "startup");
    queue.enqueue("drift", "schedule");
    queue.enqueue("apply", "poll");
    await queue.idle();
    expect(maxActive).toBe(1);
    expect(order).toEqual(["apply", "drift", "apply"]);
  });

  it("keeps going after a run throws", async () => {
    const done: string[] = [];
    const queue = running(async (request) => {
      if (request.triggers.includes("startup")) throw new Error("boom");
      done.push(request.kind);
    });
    queue.enqueue("apply", "startup");
    queue.enqueue("drift", "manual");
    await queue.idle();
    expect(done).toEqual(["drift"]);
  });

  it("close waits for the current run and drops pending ones", async () => {
    const gate = deferred();
    const done: string[] = [];
    const queue = running(async (request) => {
      await gate.promise;
      done.push(request.kind);
    });
    queue.enqueue("apply", "startup");
    queue.enqueue("drift", "schedule");
    const closing = queue.close();
    expect(queue.enqueue("apply", "poll").coalesced).toBe(false);
    gate.resolve();
    await closing;
    expect(done).toEqual(["apply"]);
  });
});
