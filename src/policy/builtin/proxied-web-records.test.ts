import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { proxiedWebRecords as policy } from "./proxied-web-records.ts";

function one(name: string, type: "A" | "AAAA" | "CNAME", proxied: boolean) {
  const content = type === "A" ? "203.0.113.10" : type === "AAAA" ? "2001:db8::10" : "target.example.net";
  return state([zone("example.com", { dns: [rec(name, type, content, { proxied })] })]);
}

describe("proxied-web-records", () => {
  it.each([
    ["www", "A", true], ["@", "AAAA", true], ["mail", "A", false], ["smtp2", "A", false], ["_acme-challenge", "CNAME", false], ["ssh", "A", false],
  ] as const)("passes %s %s proxied=%s", async (name, type, proxied) => {
    expect(await check(policy, one(name, type, proxied))).toEqual([]);
  });

  it.each([["www", "A"], ["@", "AAAA"], ["blog", "CNAME"]] as const)("fails unproxied %s %s", async (name, type) => {
    const found = await check(policy, one(name, type, false));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/not proxied/);
  });

  it("does not judge other types", async () => {
    expect(await check(policy, state([zone("example.com", { dns: [rec("www", "TXT", "hello")] })]))).toEqual([]);
  });

  it("param exclude and types decide what counts as web", async () => {
    expect(await check(policy, one("git", "A", false), { exclude: ["git"] })).toEqual([]);
    expect(await check(policy, one("mail", "A", false), { exclude: [] })).toHaveLength(1);
    expect(await check(policy, one("blog", "CNAME", false), { types: ["A", "AAAA"] })).toEqual([]);
  });
});
