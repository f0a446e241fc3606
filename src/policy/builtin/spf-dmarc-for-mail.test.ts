import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { spfDmarcForMail as policy } from "./spf-dmarc-for-mail.ts";

const mx = rec("@", "MX", "mx1.example.net", { priority: 10 });
const spf = rec("@", "TXT", "v=spf1 mx -all");
const dmarc = rec("_dmarc", "TXT", "v=DMARC1; p=quarantine");

describe("spf-dmarc-for-mail", () => {
  it.each([
    ["mail with SPF and DMARC", [mx, spf, dmarc]],
    ["no MX at all", [rec("www", "A", "203.0.113.10")]],
    ["null MX", [rec("@", "MX", ".", { priority: 0 })]],
    ["subdomain mail with org DMARC", [rec("lists", "MX", "mx.example.net"), rec("lists", "TXT", "v=spf1 include:_spf.example.net ~all"), dmarc]],
  ])("passes: %s", async (_label, dns) => {
    expect(await check(policy, state([zone("example.com", { dns })]))).toEqual([]);
  });

  it.each([
    ["no SPF", [mx, dmarc], ["example.com/dns/@/TXT"]],
    ["no DMARC", [mx, spf], ["example.com/dns/_dmarc/TXT"]],
    ["neither", [mx, rec("@", "TXT", "google-site-verification=abc")], ["example.com/dns/@/TXT", "example.com/dns/_dmarc/TXT"]],
  ])("fails: %s", async (_label, dns, resources) => {
    const found = await check(policy, state([zone("example.com", { dns })]));
    expect(found.map((f) => f.resource)).toEqual(resources);
    expect(found[0]!.source).toEqual(mx.source);
  });

  it("names each _dmarc record once (the apex's own is the zone's)", async () => {
    const [apex] = await check(policy, state([zone("example.com", { dns: [mx, spf] })]));
    expect(apex!.message).toBe("example.com receives mail but _dmarc.example.com has no DMARC record");
    const [sub] = await check(policy, state([zone("example.com", { dns: [rec("lists", "MX", "mx.example.net"), rec("lists", "TXT", "v=spf1 -all")] })]));
    expect(sub!.message).toBe("lists.example.com receives mail but neither _dmarc.lists.example.com nor _dmarc.example.com has a DMARC record");
  });

  it("param require: only spf", async () => {
    expect(await check(policy, state([zone("example.com", { dns: [mx, spf] })]), { require: ["spf"] })).toEqual([]);
    expect(await check(policy, state([zone("example.com", { dns: [mx, dmarc] })]), { require: ["spf"] })).toHaveLength(1);
  });
});
