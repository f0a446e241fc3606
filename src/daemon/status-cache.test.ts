import { describe, expect, it } from "vitest";
import type { StatusModel } from "../status/model.ts";
import { createStatusCache } from "./status-cache.ts";

describe("status cache", () => {
  it("rebuilds only when invalidated or older than its maximum age", () => {
    let clock = 0;
    let builds = 0;
    const cache = createStatusCache(() => ({ generatedAt: String(++builds), stacks: [], certificates: [] }) satisfies StatusModel, { maxAgeMs: 5_000, now: () => clock });
    expect(cache.get().generatedAt).toBe("1");
    clock = 4_999;
    expect(cache.get().generatedAt).toBe("1");
    cache.invalidate();
    expect(cache.get().generatedAt).toBe("2");
    clock += 5_000;
    expect(cache.get().generatedAt).toBe("3");
    expect(builds).toBe(3);
  });
});
