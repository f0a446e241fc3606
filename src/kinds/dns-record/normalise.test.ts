import { describe, expect, it } from "vitest";
import { dnsApiBody, dnsApiPatch } from "./native.ts";
import { dnsValueFromLive } from "./normalise.ts";
import { quoteTxt, unquoteTxt } from "./txt.ts";

describe("TXT quoting", () => {
  it.each([0, 1, 255, 256, 766])("round-trips %i bytes with quotes, semicolons and backslashes", (length) => {
    const text = 'a"b;c\\d é'.repeat(100).slice(0, length);
    const quoted = quoteTxt(text);
    expect(unquoteTxt(quoted)).toBe(text);
    for (const chunk of quoted.match(/"(?:[^"\\]|\\.)*"/g) ?? []) {
      expect(Buffer.byteLength(chunk.slice(1, -1).replace(/\\(.)/g, "$1"))).toBeLessThanOrEqual(255);
    }
  });

  it("splits at 255 bytes and leaves unquoted text alone", () => {
    expect(quoteTxt("x".repeat(256))).toBe(`"${"x".repeat(255)}" "x"`);
    expect(quoteTxt("")).toBe('""');
    expect(unquoteTxt("plain text")).toBe("plain text");
    expect(unquoteTxt('"a\\065"')).toBe("aA");
  });
});

describe("DNS API mapping", () => {
  it("sends TXT quoted, proxied records with ttl 1, and patches only changed fields", () => {
    const value = dnsValueFromLive({ name: "Example.com.", type: "TXT", content: '"hello" " world"', ttl: 300 });
    expect(value).toEqual({ name: "example.com", type: "TXT", content: "hello world", proxied: false, ttl: 300, tags: [] });
    expect(dnsApiBody(value)).toMatchObject({ content: '"hello world"', ttl: 300 });
    const proxied = dnsValueFromLive({ name: "www.example.com", type: "A", content: "192.0.2.1", proxied: true, ttl: 300 });
    expect(proxied.ttl).toBe(1);
    expect(dnsApiPatch("id1", proxied, ["proxied"])).toEqual({ id: "id1", proxied: true, ttl: 1 });
    expect(dnsApiPatch("id1", proxied, ["comment"])).toEqual({ id: "id1", comment: "" });
  });
});

describe("structured data", () => {
  it("ignores the extra fields older API versions put in SRV data, and field order", () => {
    const live = dnsValueFromLive({ name: "_sip._tcp.example.com", type: "SRV", data: { service: "_sip", proto: "_tcp", name: "example.com", target: "Sip.Example.com.", port: "5060", weight: 5, priority: 10 } });
    expect(live.data).toEqual({ port: 5060, priority: 10, target: "sip.example.com", weight: 5 });
    expect(Object.keys(live.data!)).toEqual(["port", "priority", "target", "weight"]);
  });
});

describe("edge cases Cloudflare accepts (issue 11 item 14)", () => {
  it("keeps a null MX target \".\" (it used to be sent empty)", () => {
    const value = dnsValueFromLive({ name: "example.com", type: "MX", content: ".", priority: 0 });
    expect(value.content).toBe(".");
    expect(dnsApiBody(value)).toMatchObject({ content: ".", priority: 0 });
  });

  it("stores Unicode names and targets in Punycode, shows the Unicode spelling, and never sends it", () => {
    const value = dnsValueFromLive({ name: "ÖÖÖ.example.com.", type: "CNAME", content: "ööö.com" });
    expect(value).toMatchObject({ name: "xn--ndaaa.example.com", content: "xn--ndaaa.com", name_unicode: "ööö.example.com", content_unicode: "ööö.com" });
    expect(dnsValueFromLive({ name: "xn--ndaaa.example.com", type: "CNAME", content: "xn--ndaaa.com" })).toEqual(value);
    expect(dnsApiBody(value)).not.toHaveProperty("name_unicode");
    expect(dnsApiPatch("id1", value, ["content", "content_unicode"])).toEqual({ id: "id1", content: "xn--ndaaa.com" });
    expect(dnsValueFromLive({ name: "www.example.com", type: "A", content: "192.0.2.1" })).not.toHaveProperty("name_unicode");
  });

  it("sends HTTPS/SVCB value and NAPTR regex as written, empty included, and compares an empty field as absent", () => {
    const https = dnsValueFromLive({ name: "example.com", type: "HTTPS", data: { priority: 1, target: ".", value: "" } });
    expect(https.data).toEqual({ priority: 1, target: "." });
    expect(dnsApiBody(https).data).toEqual({ priority: 1, target: ".", value: "" });
    const naptr = dnsValueFromLive({ name: "sip.example.com", type: "NAPTR", data: { order: 100, preference: 10, flags: "S", service: "SIP+D2U", regex: "", replacement: "_sip._udp.example.com" } });
    expect(dnsApiBody(naptr).data).toMatchObject({ regex: "", flags: "S" });
  });
});
