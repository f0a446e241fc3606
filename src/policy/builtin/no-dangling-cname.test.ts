import { describe, expect, it } from "vitest";
import type { DnsRecordSpec } from "../../kinds/dns-record/spec.ts";
import { change, check, plan, rec, state, svc, zone } from "../test-fixtures.ts";
import { noDanglingCname as policy } from "./no-dangling-cname.ts";

function z(dns: DnsRecordSpec[]) {
  return zone("example.com", { dns });
}

describe("no-dangling-cname", () => {
  it.each([
    ["target exists", [rec("www", "CNAME", "example.com"), rec("@", "A", "203.0.113.10")]],
    ["target outside managed zones", [rec("shop", "CNAME", "shops.myshopify.com")]],
    ["target covered by a wildcard", [rec("docs", "CNAME", "x.pages.example.com"), rec("*.pages", "A", "203.0.113.10")]],
    ["target any type", [rec("files", "CNAME", "nas.example.com"), rec("nas", "AAAA", "2001:db8::5")]],
  ])("passes: %s", async (_label, dns) => {
    expect(await check(policy, state([z(dns)]))).toEqual([]);
  });

  it("passes a target that is a tunnel service's hostname", async () => {
    const desired = state([z([rec("dash", "CNAME", "grafana.example.com")])], [svc("grafana", "grafana.example.com", "http://localhost:3000")]);
    expect(await check(policy, desired)).toEqual([]);
  });

  it("passes a target in a zone whose DNS this repository does not own", async () => {
    expect(await check(policy, state([z([rec("www", "CNAME", "app.other.example")]), zone("other.example")]))).toEqual([]);
  });

  it.each([
    ["missing in the same zone", [z([rec("www", "CNAME", "web.example.com")])], "which does not exist in example.com"],
    ["missing in another managed zone", [z([rec("www", "CNAME", "app.other.example")]), zone("other.example", { dns: [] })], "which does not exist in other.example"],
  ])("fails: %s", async (_label, zones, message) => {
    const found = await check(policy, state(zones));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(message);
    expect(found[0]!.resource).toBe("example.com/dns/www/CNAME");
  });

  it("with a plan, names the deletion that leaves the CNAME dangling", async () => {
    const desired = state([z([rec("www", "CNAME", "web.example.com")])]);
    const p = plan([change("dns-record", "example.com/dns/web/A/203.0.113.10", "delete")]);
    const found = await check(policy, desired, {}, p);
    expect(found[0]!.message).toBe("www.example.com CNAME points at web.example.com, which this plan deletes");
  });

  it("param ignore_targets", async () => {
    const desired = state([z([rec("www", "CNAME", "legacy.example.com")])]);
    expect(await check(policy, desired, { ignore_targets: ["legacy.example.com"] })).toEqual([]);
    expect(await check(policy, desired, { ignore_targets: ["other.example.com"] })).toHaveLength(1);
  });
});
