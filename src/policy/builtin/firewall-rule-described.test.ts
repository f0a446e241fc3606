import { describe, expect, it } from "vitest";
import { check, state, zone } from "../test-fixtures.ts";
import { firewallRuleDescribed as policy } from "./firewall-rule-described.ts";

function rule(description: string | undefined) {
  return state([zone("example.com", { firewall: [{ ref: "block-bots", ...(description === undefined ? {} : { description }) }] })]);
}

describe("firewall-rule-described", () => {
  it.each(["Block known bad bots", "x"])("passes %j", async (description) => {
    expect(await check(policy, rule(description))).toEqual([]);
  });

  it("passes a zone without firewall rules", async () => {
    expect(await check(policy, state([zone("example.com", { dns: [] })]))).toEqual([]);
  });

  it.each([undefined, "", "   "])("fails %j", async (description) => {
    const found = await check(policy, rule(description));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: "example.com/firewall/block-bots", message: "firewall rule block-bots in example.com has no description" });
  });

  it("param min_length", async () => {
    expect(await check(policy, rule("bots"), { min_length: 10 })).toHaveLength(1);
    expect(await check(policy, rule("Block known bad bots"), { min_length: 10 })).toEqual([]);
  });
});
