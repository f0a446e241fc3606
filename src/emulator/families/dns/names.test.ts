import { describe, expect, it } from "vitest";
import { canonicalHostname, canonicalIpv6, recordFqdn } from "./names.ts";

describe("names as Cloudflare stores them", () => {
  it("turns relative, apex and Unicode names into Punycode FQDNs", () => {
    expect(recordFqdn("@", "example.com")).toBe("example.com");
    expect(recordFqdn("WWW", "example.com")).toBe("www.example.com");
    expect(recordFqdn("ööö", "example.com")).toBe("xn--ndaaa.example.com");
    expect(recordFqdn("中文.example.com.", "example.com")).toBe("xn--fiq228c.example.com");
    expect(recordFqdn("_sip._tcp", "example.com")).toBe("_sip._tcp.example.com");
  });

  it("keeps a null MX target and the case of ASCII targets, and refuses what cannot be encoded", () => {
    expect(canonicalHostname(".")).toBe(".");
    expect(canonicalHostname("Mail.ööö.com.")).toBe("Mail.xn--ndaaa.com");
    expect(canonicalHostname("bad\u{FFFF}label.com")).toBeUndefined();
  });

  it("writes IPv6 in RFC 5952 form", () => {
    expect(canonicalIpv6("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
  });
});
