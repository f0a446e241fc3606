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

  it("says when only the comment or TTL differ (adopting a record by hand), shows auto for TTL 1, and points to import", async () => {
    const adopted = change("dns-record", "example.com/dns/@/A", "update", { fields: ["ttl", "comment"], before: { content: "203.0.113.10", ttl: 3600 }, after: { content: "203.0.113.10", ttl: 1, comment: "web" } });
    const [found] = await check(policy, desired, {}, plan([adopted]));
    expect(found!.message).toBe("plan changes ttl, comment of protected record @ A 203.0.113.10 in example.com: only the TTL and the comment differ from Cloudflare (live: ttl 3600, comment none)");
    expect(found!.remediation).toContain("write the record as it is live (live: ttl 3600, comment none), or let `npx cf-gitops import --zone example.com --force` write the zone file from Cloudflare");
    const ttlOnly = change("dns-record", "example.com/dns/www/CNAME", "update", { fields: ["ttl"], before: { content: "example.com", ttl: 1 }, after: { content: "example.com", ttl: 300 } });
    expect((await check(policy, desired, {}, plan([ttlOnly])))[0]!.message).toContain(": only the TTL differs from Cloudflare (live: ttl auto)");
    const content = change("dns-record", "example.com/dns/www/CNAME", "update", { fields: ["content", "ttl"], before: { content: "a.example", ttl: 1 }, after: { content: "b.example", ttl: 300 } });
    const [real] = await check(policy, desired, {}, plan([content]));
    expect(real!.message).not.toContain("only");
    expect(real!.remediation).toBeUndefined();
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
