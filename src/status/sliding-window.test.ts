import { describe, expect, it } from "vitest";
import { createDeliveryLog } from "./delivery-log.ts";
import { createSlidingWindow } from "./sliding-window.ts";

describe("sliding window", () => {
  it("counts events within the window and says when the oldest leaves it", () => {
    const window = createSlidingWindow({ windowMs: 60_000, maxPerKey: 3 });
    window.add("a", 0);
    window.add("a", 10_000);
    expect(window.count("a", 20_000)).toBe(2);
    expect(window.retryAfter("a", 20_000)).toBe(40);
    expect(window.count("a", 65_000)).toBe(1);
    expect(window.count("a", 75_000)).toBe(0);
    expect(window.size()).toBe(0);
  });

  it("keeps at most maxPerKey events per key and maxKeys keys, dropping the least recently used", () => {
    const window = createSlidingWindow({ windowMs: 60_000, maxPerKey: 2, maxKeys: 100 });
    for (let i = 0; i < 10; i++) window.add("busy", i);
    expect(window.count("busy", 10)).toBe(2);
    for (let i = 0; i < 5_000; i++) window.add(`192.0.2.${i}`, 20);
    expect(window.size()).toBeLessThanOrEqual(100);
    expect(window.count("192.0.2.4999", 20)).toBe(1);
    expect(window.count("busy", 20)).toBe(0);
  });
});

describe("delivery log", () => {
  it("remembers ids until it holds max, then forgets the oldest first", () => {
    const log = createDeliveryLog(3);
    expect(["a", "b", "c"].map((id) => log.remember(id, `body-${id}`))).toEqual([true, true, true]);
    expect(log.remember("b", "body-b")).toBe(false);
    expect(log.remember("d", "body-d")).toBe(true);
    expect(log.size()).toBe(3);
    expect(log.remember("a", "body-a")).toBe(true); // forgotten
    expect(log.remember("d", "body-d")).toBe(false);
  });

  it("refuses a body seen before under a new id, and a new body under an id seen before (issue 22 item 5)", () => {
    const log = createDeliveryLog(10);
    expect(log.remember("first", "body-1")).toBe(true);
    expect(log.remember("replayed-under-a-new-id", "body-1")).toBe(false);
    expect(log.remember("first", "body-2")).toBe(false);
    expect(log.remember(undefined, "body-3")).toBe(true);
    expect(log.remember(undefined, "body-3")).toBe(false);
  });
});
