import { describe, expect, it } from "vitest";
import type { DesiredState, ZoneSpec } from "../desired-state/types.ts";
import type { DnsRecordSpec } from "../kinds/dns-record/spec.ts";
import type { FirewallRuleSpec } from "../kinds/firewall-rule/spec.ts";
import { dnsRecordsToResources } from "../kinds/dns-record/native.ts";
import { firewallPhase } from "../kinds/firewall-rule/normalise.ts";
import { phaseRulesToResources } from "../kinds/shared/ruleset-phase/native.ts";
import { settingsToResources } from "../kinds/zone-settings/native.ts";
import { buildChanges } from "./build.ts";
import { expandDesired } from "./expand.ts";
import { assignIds, type Resource } from "./resources.ts";

const src = { file: "desired-state/zones/example.com.yaml", line: 1, column: 1 };

function record(partial: Partial<DnsRecordSpec> & Pick<DnsRecordSpec, "name" | "type">): DnsRecordSpec {
  const fqdn = partial.name === "@" ? "example.com" : `${partial.name}.example.com`;
  return { fqdn, proxied: false, ttl: 1, tags: [], source: src, ...partial };
}

function rule(ref: string, extra: Partial<FirewallRuleSpec> = {}): FirewallRuleSpec {
  return { ref, expression: `(http.host eq "${ref}.example.com")`, action: "block", enabled: true, source: src, ...extra };
}

function zone(extra: Partial<ZoneSpec>): ZoneSpec {
  return { zone: "example.com", file: src.file, source: src, ignore: [], ...extra };
}

function state(zones: ZoneSpec[]): DesiredState {
  return { dir: "desired-state", zones, services: [] };
}

/** Live resources as the native adapters read them (the API's shapes). */
function liveDns(record: Record<string, unknown>, id = `rec-${String(record.name)}-${String(record.type)}`): Resource {
  return dnsRecordsToResources("example.com", [{ ...record, id }])[0]!;
}

function liveRule(raw: Record<string, unknown>): Resource {
  return phaseRulesToResources(firewallPhase, "example.com", [raw])[0]!;
}

function plan(desired: DesiredState, live: Resource[]) {
  const expanded = expandDesired(desired);
  assignIds(live);
  return buildChanges({ desired: expanded.resources, live, ownership: expanded.ownership });
}

describe("diff without phantom changes", () => {
  it("treats equivalent spellings of every field as equal", () => {
    const desired = state([
      zone({
        settings: { values: { ssl: "strict", min_tls_version: "1.2", always_use_https: "on", browser_cache_ttl: 14400 }, sources: {}, source: src },
        dns: [
          record({ name: "www", type: "A", content: "203.0.113.10", proxied: true, ttl: 1 }),
          record({ name: "v6", type: "AAAA", content: "2001:DB8:0:0::1", ttl: 300 }),
          record({ name: "@", type: "MX", content: "Mx1.Example.NET", priority: 10 }),
          record({ name: "@", type: "TXT", content: 'v=spf1 include:"x" \\ -all' }),
          record({ name: "alias", type: "CNAME", content: "target.example.net", ttl: 1 }),
          record({ name: "_sip._tcp", type: "SRV", data: { target: "sip.example.com", port: 5060, weight: 5, priority: 10 } }),
          record({ name: "@", type: "CAA", data: { value: "letsencrypt.org", tag: "issue", flags: 0 } }),
        ],
        firewall: [rule("bots", { expression: '(http.user_agent contains "Bad  Bot")\n  or (ip.src eq 192.0.2.1)' })],
      }),
    ]);
    const live = [
      liveDns({ name: "WWW.example.com", type: "A", content: "203.0.113.10", proxied: true, ttl: 1 }),
      liveDns({ name: "v6.example.com.", type: "AAAA", content: "2001:db8::1", ttl: 300, comment: null, tags: [] }),
      liveDns({ name: "example.com", type: "MX", content: "mx1.example.net.", priority: 10, ttl: 1 }),
      liveDns({ name: "example.com", type: "TXT", content: '"v=spf1 include:\\"x\\" \\\\ -all"', ttl: 1 }),
      liveDns({ name: "alias.example.com", type: "CNAME", content: "target.example.net", ttl: 1, proxied: false }),
      liveDns({ name: "_sip._tcp.example.com", type: "SRV", content: "5 5060 sip.example.com", priority: 10, data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com." }, ttl: 1 }),
      liveDns({ name: "example.com", type: "CAA", content: '0 issue "letsencrypt.org"', data: { flags: 0, tag: "issue", value: "letsencrypt.org" }, ttl: 1 }),
      liveRule({ id: "r1", ref: "bots", expression: '(http.user_agent contains "Bad  Bot") or (ip.src eq 192.0.2.1)', action: "block", enabled: true, description: "", version: "3" }),
      ...settingsToResources("example.com", Object.entries({ ssl: "strict", min_tls_version: "1.2", always_use_https: "on", browser_cache_ttl: 14400 }).map(([id, value]) => ({ id, value }))),
    ];
    expect(plan(desired, live)).toEqual([]);
  });

  it("reports a changed TTL, and the changed address of a record alone at its name and type, as updates in place", () => {
    const desired = state([zone({ dns: [record({ name: "www", type: "A", content: "203.0.113.11", ttl: 300 }), record({ name: "api", type: "A", content: "203.0.113.20", ttl: 600 })] })]);
    const live = [
      liveDns({ name: "www.example.com", type: "A", content: "203.0.113.10", ttl: 300 }, "old-www"),
      liveDns({ name: "api.example.com", type: "A", content: "203.0.113.20", ttl: 300 }, "api-id"),
    ];
    const changes = plan(desired, live);
    expect(changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`)).toEqual(["update example.com/dns/api/A ttl", "update example.com/dns/www/A content"]);
    const [ttl, moved] = changes;
    expect(ttl!.cloudId).toBe("api-id");
    expect((ttl!.before as { ttl: number }).ttl).toBe(300);
    expect((ttl!.after as { ttl: number }).ttl).toBe(600);
    expect(moved!.cloudId).toBe("old-www");
    expect(moved!.before).toMatchObject({ content: "203.0.113.10" });
    expect(moved!.after).toMatchObject({ content: "203.0.113.11" });
  });

  it("pairs records sharing a name and type by content first, then updates the leftovers in place", () => {
    const a = (content: string, extra: Partial<DnsRecordSpec> = {}) => record({ name: "rr", type: "A", content, ...extra });
    const live = [liveDns({ name: "rr.example.com", type: "A", content: "192.0.2.1", ttl: 1 }, "one"), liveDns({ name: "rr.example.com", type: "A", content: "192.0.2.3", ttl: 1 }, "three")];
    const lines = (dns: DnsRecordSpec[]) => plan(state([zone({ dns })]), live).map((c) => `${c.op} ${c.id} ${[...c.fields].sort().join(",")} ${c.cloudId ?? ""}`.trim());
    // one unchanged, one moved: an update of the leftover, named by its new content
    expect(lines([a("192.0.2.1"), a("192.0.2.2")])).toEqual(["update example.com/dns/rr/A/192.0.2.2 content three"]);
    // two become one: the one with the same content stays; the other goes
    expect(lines([a("192.0.2.3")])).toEqual(["delete example.com/dns/rr/A/192.0.2.1 content,name,proxied,tags,ttl,type one"]);
    // two become one with new content: the first leftover is updated, the other goes
    expect(lines([a("192.0.2.9")])).toEqual(["delete example.com/dns/rr/A/192.0.2.3 content,name,proxied,tags,ttl,type three", "update example.com/dns/rr/A content one"]);
    // two become three: the new one is created
    expect(lines([a("192.0.2.1"), a("192.0.2.3"), a("192.0.2.4", { ttl: 300 })])).toEqual(["create example.com/dns/rr/A/192.0.2.4 content,name,proxied,tags,ttl,type"]);
  });

  it("honours ownership: ignore patterns, read-only records and undeclared kinds", () => {
    const desired = state([zone({ dns: [], ignore: [{ name: "_acme-challenge*" }, { name: "keep", type: "TXT" }] })]);
    const live = [
      liveDns({ name: "_acme-challenge.www.example.com", type: "TXT", content: '"token"' }),
      liveDns({ name: "keep.example.com", type: "TXT", content: '"x"' }),
      liveDns({ name: "keep.example.com", type: "A", content: "192.0.2.1" }),
      liveDns({ name: "ro.example.com", type: "A", content: "192.0.2.2", meta: { read_only: true } }),
      liveRule({ id: "r9", ref: "dashboard-rule", expression: "true", action: "block" }),
    ];
    const changes = plan(desired, live);
    expect(changes.map((c) => `${c.op} ${c.id}`)).toEqual(["delete example.com/dns/keep/A"]);
    // a zone file without dns: owns no DNS at all
    expect(plan(state([zone({})]), live)).toEqual([]);
  });

  it("detects a moved firewall rule as a position update, but not rules shifted by an insert", () => {
    const live = [liveRule({ id: "1", ref: "a", expression: '(http.host eq "a.example.com")', action: "block" }), liveRule({ id: "2", ref: "b", expression: '(http.host eq "b.example.com")', action: "block" }), liveRule({ id: "3", ref: "c", expression: '(http.host eq "c.example.com")', action: "block" })];
    const inserted = plan(state([zone({ firewall: [rule("new"), rule("a"), rule("b"), rule("c")] })]), live);
    expect(inserted.map((c) => `${c.op} ${c.id}`)).toEqual(["create example.com/firewall/new"]);
    const moved = plan(state([zone({ firewall: [rule("c"), rule("a"), rule("b", { enabled: false })] })]), live);
    expect(moved.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`)).toEqual([
      "update example.com/firewall/c position",
      "update example.com/firewall/b enabled",
    ]);
  });

  it("shows zones to create first", () => {
    const expanded = expandDesired(state([zone({ dns: [record({ name: "www", type: "A", content: "192.0.2.1" })] })]));
    const changes = buildChanges({ desired: expanded.resources, live: [], ownership: expanded.ownership, zonesToCreate: ["example.com"] });
    expect(changes.map((c) => `${c.op} ${c.kind} ${c.id}`)).toEqual(["create zone example.com", "create dns-record example.com/dns/www/A"]);
  });
});

describe("read-only live objects", () => {
  it("are never changed, and a differing desired value becomes a warning", async () => {
    const { readOnlyWarnings } = await import("./build.ts");
    const desired = state([zone({ dns: [record({ name: "ro", type: "A", content: "192.0.2.2", ttl: 300 })] })]);
    const live = [liveDns({ name: "ro.example.com", type: "A", content: "192.0.2.2", ttl: 60, meta: { read_only: true } })];
    expect(plan(desired, live)).toEqual([]);
    const expanded = expandDesired(desired);
    expect(readOnlyWarnings(expanded.resources, live)).toEqual(["example.com/dns/ro/A is read-only in Cloudflare, so its ttl cannot be changed; left as it is"]);
  });
});
