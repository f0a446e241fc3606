import { describe, expect, it } from "vitest";
import { check, state, zone } from "../test-fixtures.ts";
import { noCatchAllBlock as policy } from "./no-catch-all-block.ts";

function rule(expression: string, action: "block" | "challenge" | "managed_challenge" | "log" | "skip" = "block", enabled = true) {
  return state([zone("example.com", { firewall: [{ ref: "r", description: "d", expression, action, enabled }] })]);
}

describe("no-catch-all-block", () => {
  it.each([
    ['(http.user_agent contains "BadBot")', "block"],
    ['(ip.src.country eq "XX")', "managed_challenge"],
    ["true", "log"],
    ["true", "skip"],
  ] as const)("passes %s with %s", async (expression, action) => {
    expect(await check(policy, rule(expression, action))).toEqual([]);
  });

  it("passes a disabled catch-all rule", async () => {
    expect(await check(policy, rule("true", "block", false))).toEqual([]);
  });

  it.each([
    ["true", "block"],
    ['(http.host eq "a") or true', "challenge"],
    ['not (http.host eq "a" and not http.host eq "a")', "managed_challenge"],
  ] as const)("fails %s with %s", async (expression, action) => {
    const found = await check(policy, rule(expression, action));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe("example.com/firewall/r");
    expect(found[0]!.message).toContain(`would ${action} every request`);
  });

  it("param actions", async () => {
    expect(await check(policy, rule("true", "log"), { actions: ["log"] })).toHaveLength(1);
    expect(await check(policy, rule("true", "block"), { actions: ["challenge"] })).toEqual([]);
  });
});
