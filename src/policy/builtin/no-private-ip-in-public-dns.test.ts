import { describe, expect, it } from "vitest";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { noPrivateIpInPublicDns as policy } from "./no-private-ip-in-public-dns.ts";

function one(type: "A" | "AAAA", content: string) {
  return state([zone("example.com", { dns: [rec("host", type, content)] })]);
}

describe("no-private-ip-in-public-dns", () => {
  it.each([
    ["A", "203.0.113.10"], ["A", "8.8.8.8"], ["AAAA", "2001:db8::1"], ["A", "172.32.0.1"], ["A", "100.128.0.1"],
  ] as const)("passes %s %s", async (type, content) => {
    expect(await check(policy, one(type, content))).toEqual([]);
  });

  it.each([
    ["A", "10.1.2.3", "RFC 1918"], ["A", "172.16.5.4", "RFC 1918"], ["A", "192.168.1.10", "RFC 1918"], ["A", "100.64.0.7", "CGNAT"],
    ["A", "127.0.0.1", "loopback"], ["A", "169.254.1.1", "link-local"], ["AAAA", "::1", "loopback"], ["AAAA", "fe80::1", "link-local"],
    ["AAAA", "fd12:3456::1", "unique local"], ["AAAA", "::ffff:10.0.0.1", "RFC 1918"],
  ] as const)("fails %s %s (%s)", async (type, content, label) => {
    const found = await check(policy, one(type, content));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(label);
    // alone at its name and type: the record's id is its name and type (no content)
    expect(found[0]!.resource).toBe(`example.com/dns/host/${type}`);
    expect(found[0]!.source?.file).toBe("desired-state/zones/example.com.yaml");
  });

  it("names a record that shares its name and type by its content too", async () => {
    const found = await check(policy, state([zone("example.com", { dns: [rec("host", "A", "10.1.2.3"), rec("host", "A", "203.0.113.5")] })]));
    expect(found.map((f) => f.resource)).toEqual(["example.com/dns/host/A/10.1.2.3"]);
  });

  it("ignores other record types", async () => {
    expect(await check(policy, state([zone("example.com", { dns: [rec("x", "TXT", "10.0.0.1")] })]))).toEqual([]);
  });

  it("param allow: lets a listed range through, and rejects a malformed CIDR", async () => {
    const desired = one("A", "100.101.102.103");
    expect(await check(policy, desired, { allow: ["100.64.0.0/10"] })).toEqual([]);
    expect(await check(policy, desired, { allow: ["10.0.0.0/8"] })).toHaveLength(1);
    await expect(check(policy, desired, { allow: ["not-a-cidr"] })).rejects.toThrow(/not an address or CIDR/);
  });
});
