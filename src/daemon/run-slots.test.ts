import { describe, expect, it } from "vitest";
import { createRunQueue, type RunExecutor } from "./run-queue.ts";
import { createRunSlots } from "./run-slots.ts";

function tracker() {
  let active = 0;
  let maxActive = 0;
  const order: string[] = [];
  const run = (stack: string): RunExecutor => async (request) => {
    active++;
    maxActive = Math.max(maxActive, active);
    order.push(`${stack}:${request.kind}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    active--;
  };
  return { run, order, max: () => maxActive };
}

describe("run slots shared by the stacks' queues", () => {
  it("with one slot, runs one at a time in a fair order: a stack with more work goes to the back after each run", async () => {
    const slots = createRunSlots(1);
    const runs = tracker();
    const a = createRunQueue({ slots });
    const b = createRunQueue({ slots });
    a.start(runs.run("a"));
    b.start(runs.run("b"));
    a.enqueue("apply", "startup");
    a.enqueue("drift", "schedule");
    b.enqueue("apply", "startup");
    b.enqueue("drift", "schedule");
    await Promise.all([a.idle(), b.idle()]);
    expect(runs.max()).toBe(1);
    expect(runs.order).toEqual(["a:apply", "b:apply", "a:drift", "b:drift"]);
  });

  it("with two slots, runs of different stacks overlap, but never two of one stack", async () => {
    const slots = createRunSlots(2);
    const runs = tracker();
    const queues = ["a", "b", "c"].map((name) => {
      const queue = createRunQueue({ slots });
      queue.start(runs.run(name));
      return queue;
    });
    for (const queue of queues) {
      queue.enqueue("apply", "startup");
      queue.enqueue("drift", "schedule");
    }
    expect(slots.active()).toBe(2);
    await Promise.all(queues.map((queue) => queue.idle()));
    expect(runs.max()).toBe(2);
    expect(runs.order).toHaveLength(6);
    for (const name of ["a", "b", "c"]) expect(runs.order.filter((entry) => entry.startsWith(name))).toEqual([`${name}:apply`, `${name}:drift`]);
    expect(slots.active()).toBe(0);
  });

  it("a queue waiting for a slot keeps coalescing, and closes without waiting for the slot", async () => {
    const slots = createRunSlots(1);
    const held = await slots.acquire();
    const seen: string[] = [];
    const queue = createRunQueue({ slots });
    queue.start(async (request) => void seen.push(`${request.triggers.join(",")}:${request.commit ?? ""}`));
    queue.enqueue("apply", "poll", "one");
    queue.enqueue("apply", "webhook", "two");
    expect(queue.depth()).toBe(1);
    held();
    await queue.idle();
    expect(seen).toEqual(["poll,webhook:two"]);
    const again = await slots.acquire();
    queue.enqueue("apply", "manual");
    await queue.close();
    again();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(1);
    expect(slots.active()).toBe(0);
  });

  it("refuses a concurrency that is not a whole number of at least 1", () => {
    expect(() => createRunSlots(0)).toThrow(/at least 1/);
    expect(() => createRunSlots(1.5)).toThrow(/at least 1/);
  });
});
