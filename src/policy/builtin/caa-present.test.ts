import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { caaPresent as policy } from "./caa-present.ts";

function caa(tag: string, value: string) {
  return rec("@", "CAA", "", { content: undefined, data: { flags: 0, tag, value } });
}

describe("caa-present", () => {
  it.each([
    ["issue record", [caa("issue", "letsencrypt.org")]],
    ["issuewild record", [caa("issuewild", "pki.goog")]],
    ["content form", [rec("@", "CAA", '0 issue "letsencrypt.org"')]],
  ])("passes: %s", async (_label, dns) => {
    expect(await check(policy, state([zone("example.com", { dns })]))).toEqual([]);
  });

  it("passes a zone whose DNS is not managed", async () => {
    expect(await check(policy, state([zone("example.com", { settings: { ssl: "strict" } })]))).toEqual([]);
  });

  it.each([
    ["no records", []],
    ["only iodef", [caa("iodef", "mailto:sec@example.com")]],
    ["CAA on a subdomain only", [rec("www", "CAA", "", { content: undefined, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } })]],
  ])("fails: %s", async (_label, dns) => {
    const found = await check(policy, state([zone("example.com", { dns })]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: "example.com/dns/@/CAA", message: "example.com has no CAA issue record at the apex" });
  });

  it("param issuers: every listed CA must be authorised", async () => {
    const desired = state([zone("example.com", { dns: [caa("issue", "letsencrypt.org; validationmethods=dns-01")] })]);
    expect(await check(policy, desired, { issuers: ["letsencrypt.org"] })).toEqual([]);
    const found = await check(policy, desired, { issuers: ["letsencrypt.org", "pki.goog"] });
    expect(found.map((f) => f.message)).toEqual(["example.com's CAA records do not authorise pki.goog"]);
  });
});
