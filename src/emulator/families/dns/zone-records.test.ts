import { describe, expect, it } from "vitest";
import type { DnsRecord } from "./types.ts";
import { ZoneRecords } from "./zone-records.ts";

function record(id: string, name: string, content = "192.0.2.1"): DnsRecord {
  return { id, name, type: "A", content, proxiable: true, proxied: false, ttl: 1, settings: {}, meta: { auto_added: false, managed_by_apps: false, managed_by_argo_tunnel: false }, tags: [], created_on: "t", modified_on: "t" };
}

describe("ZoneRecords", () => {
  it("indexes by lower-case name and keeps the index right on replace and remove", () => {
    const zone = ZoneRecords.from([record("1", "www.example.com"), record("2", "WWW.example.com", "192.0.2.2")]);
    expect(zone.atName("Www.Example.Com").map((r) => r.id).sort()).toEqual(["1", "2"]);
    zone.put(record("1", "api.example.com"));
    expect(zone.atName("www.example.com").map((r) => r.id)).toEqual(["2"]);
    zone.remove("2");
    expect(zone.atName("www.example.com")).toEqual([]);
    expect(zone.byName.has("www.example.com")).toBe(false);
  });

  it("undoes every change of a failed transaction in reverse order", () => {
    const zone = ZoneRecords.from([record("1", "a.example.com"), record("2", "b.example.com")]);
    expect(() =>
      zone.transaction(() => {
        zone.remove("1");
        zone.put(record("2", "c.example.com"));
        zone.put(record("3", "a.example.com"));
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(zone.all().map((r) => `${r.id} ${r.name}`).sort()).toEqual(["1 a.example.com", "2 b.example.com"]);
    expect(zone.atName("c.example.com")).toEqual([]);
    expect(zone.atName("a.example.com").map((r) => r.id)).toEqual(["1"]);
  });

  it("keeps the changes of a transaction that succeeds", () => {
    const zone = new ZoneRecords();
    zone.transaction(() => zone.put(record("1", "a.example.com")));
    expect(zone.size).toBe(1);
  });
});
