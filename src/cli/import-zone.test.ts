import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { zoneFileFromLive } from "./import-zone.ts";

const live = {
  id: "z1",
  name: "example.com",
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
  firewall: { rules: [{ id: "f1", ref: "bots", description: "", expression: "(cf.client.bot)", action: "block", enabled: false }] },
};

describe("zone file from live", () => {
  it("orders records by name then type, keeps record comments, writes TXT plain and leaves read-only records out", () => {
    const imported = zoneFileFromLive(live);
    const doc = parse(imported.text) as { settings: Record<string, string>; dns: Record<string, unknown>[]; firewall: Record<string, unknown>[] };
    expect(doc.settings).toEqual({ ssl: "strict" });
    expect(doc.dns.map((r) => `${String(r.name)} ${String(r.type)}`)).toEqual(["@ A", "@ TXT", "www CNAME"]);
    expect(doc.dns[1]).toEqual({ name: "@", type: "TXT", content: 'v=spf1 "quoted" -all', comment: "spf" });
    expect(doc.dns[0]).toEqual({ name: "@", type: "A", content: "192.0.2.1", proxied: true, tags: ["team:web"] });
    expect(doc.firewall).toEqual([{ ref: "bots", expression: "(cf.client.bot)", action: "block", enabled: false }]);
    expect(imported.skippedReadOnly).toBe(1);
    expect(imported.text).toContain("1 read-only record(s) managed by Cloudflare were left out");
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
    const text = zoneFileFromLive(live, previous).text;
    expect(text).toContain("# origin has a real certificate");
    expect(text).toContain("# the web front");
    expect(text).toContain("# alias");
    expect(text).toContain("# keep bots out");
    expect(text).not.toContain("removed live");
  });
});
