// Matching audit-log entries to drifted objects: id, zone, type; the newest wins; both API shapes.
import { describe, expect, it } from "vitest";
import type { Change } from "../plan/types.ts";
import { renderText } from "../plan/render-text.ts";
import { fromV1, fromV2 } from "./entries.ts";
import { attributeChanges } from "./match.ts";
import type { AuditRef } from "./types.ts";

const v2 = (id: string, type: string, time: string, actor: Record<string, unknown>, zone?: string) => ({
  id: `e-${time}`, action: { type: "update", result: "success", time }, actor, resource: { id, type }, ...(zone ? { zone: { id: "z", name: zone } } : {}),
});

describe("audit entries", () => {
  it("reads v2: email, else the token's name (either spelling); dash is the dashboard; views and failures drop", () => {
    expect(fromV2(v2("r1", "dns_record", "2026-11-28T10:00:00Z", { email: "alice@example.com", context: "api_token", ip_address: "203.0.113.7" }, "example.com")))
      .toEqual({ actor: "alice@example.com", at: "2026-11-28T10:00:00Z", action: "update", via: "api", ip: "203.0.113.7", resourceId: "r1", resourceType: "dns_record", zone: "example.com" });
    expect(fromV2(v2("r1", "dns_record", "t", { type: "account", context: "api_token", token_name: "ci" }))?.actor).toBe("ci");
    expect(fromV2(v2("r1", "dns_record", "t", { type: "account", context: "api_token", token: { id: "x", name: "terraform" } }))?.actor).toBe("terraform");
    expect(fromV2(v2("r1", "dns_record", "t", { email: "bob@example.com", context: "dash" }))?.via).toBe("dashboard");
    expect(fromV2({ ...v2("r1", "dns_record", "t", { email: "a@b.c" }), action: { type: "view", result: "success", time: "t" } })).toBeUndefined();
    expect(fromV2({ ...v2("r1", "dns_record", "t", { email: "a@b.c" }), action: { type: "update", result: "failure", time: "t" } })).toBeUndefined();
  });

  it("reads v1: rec_set is an update, UI is the dashboard, a failed action drops", () => {
    const row = { id: "1", action: { type: "rec_set", result: true }, actor: { id: "u", email: "bob@example.com", ip: "198.51.100.4" }, interface: "UI", metadata: { zone_name: "example.com" }, resource: { id: "r1", type: "DNS_record" }, when: "2026-11-28T10:00:00Z" };
    expect(fromV1(row)).toEqual({ actor: "bob@example.com", at: "2026-11-28T10:00:00Z", action: "update", via: "dashboard", ip: "198.51.100.4", resourceId: "r1", resourceType: "DNS_record", zone: "example.com" });
    expect(fromV1({ ...row, action: { type: "rec_set", result: false } })).toBeUndefined();
  });
});

describe("matching", () => {
  const change = (id: string, zone = "example.com"): Change => ({ kind: "zone-settings", id, zone, op: "update", fields: ["value"] });
  const ref = (id: string, zone: string, types: string[]): AuditRef => ({ id, zone, types });

  it("takes the newest entry with the object's id, zone and type, and leaves the rest unattributed", () => {
    const ssl = change("example.com/settings/ssl");
    const other = change("example.net/settings/ssl", "example.net");
    const untouched = change("example.com/settings/http3");
    // a drifted record makes dns_record a known type: an entry of it does not match a setting
    const record: Change = { kind: "dns-record", id: "example.com/dns/www/A", zone: "example.com", op: "update", fields: ["content"] };
    const refs = new Map([[ssl, ref("ssl", "example.com", ["zone_setting"])], [other, ref("ssl", "example.net", ["zone_setting"])], [untouched, ref("http3", "example.com", ["zone_setting"])], [record, ref("rec1", "example.com", ["dns_record"])]]);
    const records = [
      fromV2(v2("ssl", "zone_setting", "2026-11-28T10:00:00Z", { email: "old@example.com" }, "example.com"))!,
      fromV2(v2("ssl", "zone_setting", "2026-11-28T11:00:00Z", { email: "new@example.com" }, "example.com"))!,
      fromV2(v2("ssl", "zone_setting", "2026-11-28T12:00:00Z", { email: "elsewhere@example.com" }, "example.org"))!,
      fromV2(v2("http3", "dns_record", "2026-11-28T12:00:00Z", { email: "wrong-type@example.com" }, "example.com"))!,
    ];
    expect(attributeChanges([ssl, other, untouched, record], (c) => refs.get(c), records)).toBe(1);
    expect(ssl.changedBy?.actor).toBe("new@example.com");
    expect(other.changedBy).toBeUndefined();
    expect(untouched.changedBy).toBeUndefined();
  });

  it("takes an entry whose type no drifted object knows on its id alone", () => {
    const rule = change("example.com/firewall/a");
    attributeChanges([rule], () => ref("rs1", "example.com", ["ruleset"]), [fromV2(v2("rs1", "zone_ruleset", "2026-11-28T10:00:00Z", { email: "carol@example.com" }))!]);
    expect(rule.changedBy?.actor).toBe("carol@example.com");
  });

  it("prints one changed-by line per attributed change and the note once", () => {
    const a = { ...change("example.com/settings/ssl"), changedBy: { actor: "alice@example.com", at: "2026-11-28T10:00:00.000Z", action: "update", via: "api" as const } };
    const text = renderText({ stack: "default", engine: "native", changes: [a, change("example.com/settings/http3")], attribution: { source: "none", since: "x", entries: 0, note: "attribution unavailable: why" } }, { mode: "drift" });
    expect(text).toContain("      changed by alice@example.com via api at 2026-11-28T10:00:00.000Z\n");
    expect(text.match(/changed by/g)).toHaveLength(1);
    expect(text.match(/note: attribution unavailable: why/g)).toHaveLength(1);
  });
});
