import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { minTlsVersion as policy } from "./min-tls-version.ts";

function z(min: string | undefined, proxied = true) {
  return state([zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { proxied })], ...(min ? { settings: { min_tls_version: min } } : {}) })]);
}

describe("min-tls-version", () => {
  it.each([["1.2", true], ["1.3", true], ["1.0", false]] as const)("passes %s (proxied=%s)", async (min, proxied) => {
    expect(await check(policy, z(min, proxied))).toEqual([]);
  });

  it.each([["1.0", /allows TLS 1.0/], ["1.1", /allows TLS 1.1/], [undefined, /does not set min_tls_version/]] as const)("fails %s", async (min, message) => {
    const found = await check(policy, z(min));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.resource).toBe("example.com/settings/min_tls_version");
  });

  it("param minimum", async () => {
    expect(await check(policy, z("1.2"), { minimum: "1.3" })).toHaveLength(1);
    expect(await check(policy, z("1.1"), { minimum: "1.1" })).toEqual([]);
  });
});
