import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { dnsRecordsToResources } from "../kinds/dns-record/native.ts";
import { firewallPhase } from "../kinds/firewall-rule/normalise.ts";
import { phaseRulesToResources } from "../kinds/shared/ruleset-phase/native.ts";
import { settingsToResources } from "../kinds/zone-settings/native.ts";
import { assignIds } from "../plan/resources.ts";
import { zoneFileFromLive } from "./import-zone.ts";

const api = {
  settings: [
    { id: "ssl", value: "strict", editable: true },
    { id: "development_mode", value: "off", editable: true },
    { id: "always_use_https", value: "on", editable: false },
  ],
  records: [
    { id: "r3", name: "www.example.com", type: "CNAME", content: "example.com", proxied: true, ttl: 1, comment: null, tags: [] },
    { id: "r1", name: "example.com", type: "TXT", content: '"v=spf1 \\"quoted\\" -all"', ttl: 1, comment: "spf", tags: [] },
    { id: "r2", name: "example.com", type: "A", content: "192.0.2.1", proxied: true, ttl: 1, tags: ["team:web"] },
    { id: "r4", name: "auto.example.com", type: "A", content: "192.0.2.9", ttl: 1, meta: { read_only: true } },
  ],
  rules: [{ id: "f1", ref: "bots", description: "", expression: "(cf.client.bot)", action: "block", enabled: false }],
};

/** The zone's live resources, as the native adapters read them. */
const live = [...settingsToResources("example.com", api.settings), ...dnsRecordsToResources("example.com", api.records), ...phaseRulesToResources(firewallPhase, "example.com", api.rules)];
assignIds(live);

describe("zone file from live", () => {
  it("orders records by name then type, keeps record comments, writes TXT plain and leaves read-only records out", () => {
    const imported = zoneFileFromLive("example.com", live);
    const doc = parse(imported.text) as { settings: Record<string, string>; dns: Record<string, unknown>[]; firewall: Record<string, unknown>[] };
    expect(doc.settings).toEqual({ ssl: "strict" });
    expect(doc.dns.map((r) => `${String(r.name)} ${String(r.type)}`)).toEqual(["@ A", "@ TXT", "www CNAME"]);
    expect(doc.dns[1]).toEqual({ name: "@", type: "TXT", content: 'v=spf1 "quoted" -all', comment: "spf" });
    expect(doc.dns[0]).toEqual({ name: "@", type: "A", content: "192.0.2.1", proxied: true, tags: ["team:web"] });
    expect(doc.firewall).toEqual([{ ref: "bots", expression: "(cf.client.bot)", action: "block", enabled: false }]);
    expect(imported.summary).toBe("3 DNS record(s), 1 read-only record(s) left out, 1 firewall rule(s)");
    expect(imported.written.map((resource) => resource.cloudId).sort()).toEqual(["f1", "r1", "r2", "r3", undefined].sort());
    expect(imported.text).toContain("1 read-only record(s) managed by Cloudflare were left out");
    expect(imported.text).toContain("# This file now owns what it lists under these keys (what is removed there is deleted): dns, firewall.\n");
    expect(imported.text).not.toContain("::");
  });

  it("keeps the YAML comments of the file it replaces", () => {
    const previous = [
      "zone: example.com",
      "settings:",
      "  ssl: strict   # origin has a real certificate",
      "dns:",
      "  # the web front",
      '  - { name: "@", type: A, content: 192.0.2.1, proxied: true }',
      "  - { name: www, type: CNAME, content: example.com } # alias",
      "  - { name: gone, type: A, content: 192.0.2.99 } # removed live",
      "firewall:",
      "  - { ref: bots, expression: (cf.client.bot), action: block } # keep bots out",
      "",
    ].join("\n");
    const text = zoneFileFromLive("example.com", live, previous).text;
    expect(text).toContain("# origin has a real certificate");
    expect(text).toContain("# the web front");
    expect(text).toContain("# alias");
    expect(text).toContain("# keep bots out");
    expect(text).not.toContain("removed live");
  });
});
