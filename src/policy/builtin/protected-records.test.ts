import { describe, expect, it } from "vitest";
import type { Change } from "../../plan/types.ts";
import { change, check, plan, state, zone } from "../test-fixtures.ts";
import { protectedRecords as policy } from "./protected-records.ts";

const desired = state([]);

describe("protected-records", () => {
  it.each([
    ["creating the apex record", change("dns-record", "example.com/dns/@/A/203.0.113.10", "create")],
    ["deleting an ordinary record", change("dns-record", "example.com/dns/blog/A/203.0.113.10", "delete")],
    ["updating a TXT at a subdomain", change("dns-record", "example.com/dns/_github/TXT/abc", "update", { fields: ["ttl"] })],
    ["changing a firewall rule", change("firewall-rule", "example.com/firewall/www", "delete")],
  ])("passes %s", async (_label, c: Change) => {
    expect(await check(policy, desired, {}, plan([c]))).toEqual([]);
  });

  it.each([
    ["deleting the apex A", change("dns-record", "example.com/dns/@/A/203.0.113.10", "delete"), /deletes protected record @ A/],
    ["changing www's ttl", change("dns-record", "example.com/dns/www/CNAME/example.com", "update", { fields: ["ttl"] }), /changes ttl of protected record www/],
    ["deleting an MX", change("dns-record", "example.com/dns/@/MX/mx1.example.net", "delete"), /MX/],
    ["deleting a subdomain delegation", change("dns-record", "example.com/dns/lab/NS/ns1.example.net", "delete"), /lab NS/],
    [
      "retargeting www in place (a record alone at its name and type has no content in its id)",
      change("dns-record", "example.com/dns/www/CNAME", "update", { fields: ["content"], before: { content: "old.example.net" }, after: { content: "example.com" } }),
      /changes content of protected record www CNAME example.com in example.com/,
    ],
  ])("fails %s", async (_label, c: Change, message) => {
    const found = await check(policy, desired, {}, plan([c]));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe(c.id);
    expect(found[0]!.message).toMatch(message);
  });

  it("points a deletion at the zone file, since the record has no YAML node any more", async () => {
    const withZone = state([zone("example.com", { dns: [] })]);
    const found = await check(policy, withZone, {}, plan([change("dns-record", "example.com/dns/@/MX/mx1.example.net", "delete")]));
    expect(found[0]!.source).toEqual({ file: "desired-state/zones/example.com.yaml", line: 1, column: 1 });
  });

  it("params records and ops", async () => {
    const c = change("dns-record", "example.com/dns/vpn/A/203.0.113.9", "delete");
    expect(await check(policy, desired, { records: [{ name: "vpn", type: "A" }] }, plan([c]))).toHaveLength(1);
    expect(await check(policy, desired, { records: [{ name: "vpn", type: "AAAA" }] }, plan([c]))).toEqual([]);
    const update = change("dns-record", "example.com/dns/@/A/203.0.113.10", "update", { fields: ["comment"] });
    expect(await check(policy, desired, { ops: ["delete"] }, plan([update]))).toEqual([]);
  });
});
