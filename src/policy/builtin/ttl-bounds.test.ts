import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { ttlBounds as policy } from "./ttl-bounds.ts";

function z(ttl: number, proxied = false) {
  return state([zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { ttl, proxied })] })]);
}

describe("ttl-bounds", () => {
  it.each([[1, false], [60, false], [3600, false], [86400, false], [30, true]] as const)("passes ttl %s (proxied=%s)", async (ttl, proxied) => {
    expect(await check(policy, z(ttl, proxied))).toEqual([]);
  });

  it.each([30, 59, 86401, 604800])("fails ttl %s", async (ttl) => {
    const found = await check(policy, z(ttl));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`ttl ${ttl}, outside 60..86400`);
  });

  it("params min and max", async () => {
    expect(await check(policy, z(300), { min: 600 })).toHaveLength(1);
    expect(await check(policy, z(7200), { max: 3600 })).toHaveLength(1);
    expect(await check(policy, z(300), { min: 300, max: 300 })).toEqual([]);
    await expect(check(policy, z(300), { min: 600, max: 300 })).rejects.toThrow(/greater than params.max/);
  });
});
