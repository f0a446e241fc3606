import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { alwaysUseHttps as policy } from "./always-use-https.ts";

function z(value: string | undefined, proxied = true) {
  return state([zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { proxied })], ...(value ? { settings: { always_use_https: value } } : {}) })]);
}

describe("always-use-https", () => {
  it.each([["on", true], ["off", false], [undefined, false]] as const)("passes %s (proxied=%s)", async (value, proxied) => {
    expect(await check(policy, z(value, proxied))).toEqual([]);
  });

  it.each([["off", /sets always_use_https: off/], [undefined, /does not set always_use_https/]] as const)("fails %s", async (value, message) => {
    const found = await check(policy, z(value));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(message);
  });

  it("param require_explicit: false accepts an unset value but not off", async () => {
    expect(await check(policy, z(undefined), { require_explicit: false })).toEqual([]);
    expect(await check(policy, z("off"), { require_explicit: false })).toHaveLength(1);
  });
});
