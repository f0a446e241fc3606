import { describe, expect, it } from "vitest";
import { canonicalIpv6, contentKey, dnsLongId, dnsRecordId, toFqdn, toRelative } from "./identity.ts";

describe("dns identity", () => {
  it.each([
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
    ["::1", "::1"],
    ["fe80::", "fe80::"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
  ])("canonicalises %s to %s", (input, expected) => {
    expect(canonicalIpv6(input)).toBe(expected);
  });

  it("maps names between relative and FQDN forms", () => {
    expect(toFqdn("@", "Example.com")).toBe("example.com");
    expect(toFqdn("WWW", "example.com")).toBe("www.example.com");
    expect(toFqdn("www.example.com.", "example.com")).toBe("www.example.com");
    expect(toRelative("WWW.example.com.", "example.com")).toBe("www");
    expect(toRelative("example.com", "example.com")).toBe("@");
  });

  it("gives the same id for equivalent spellings", () => {
    const a = dnsLongId("example.com", { fqdn: "www.example.com", type: "AAAA", content: "2001:DB8::0:1" });
    const b = dnsLongId("example.com", { fqdn: "WWW.example.com.", type: "AAAA", content: "2001:db8::1" });
    expect(a).toBe("example.com/dns/www/AAAA/2001:db8::1");
    expect(b).toBe(a);
    expect(contentKey({ type: "SRV", data: { target: "Sip.Example.com.", port: 5060, weight: 5, priority: 10 } })).toBe("10 5 5060 sip.example.com");
  });

  it("names a record by name and type when it is alone there, with its content when it has twins", () => {
    const a = { fqdn: "www.example.com", type: "A" as const, content: "203.0.113.10" };
    const b = { fqdn: "www.example.com", type: "A" as const, content: "203.0.113.11" };
    const mx = { fqdn: "example.com", type: "MX" as const, content: "mx1.example.net" };
    expect(dnsRecordId({ zone: "example.com", dns: [a, mx] }, a)).toBe("example.com/dns/www/A");
    expect(dnsRecordId({ zone: "example.com", dns: [a, b, mx] }, a)).toBe("example.com/dns/www/A/203.0.113.10");
    expect(dnsRecordId({ zone: "example.com", dns: [a, b, mx] }, mx)).toBe("example.com/dns/@/MX");
    expect(dnsRecordId("example.com", a)).toBe("example.com/dns/www/A");
    expect(dnsRecordId("example.com", a, true)).toBe("example.com/dns/www/A/203.0.113.10");
  });
});
