import { describe, expect, it } from "vitest";
import { canonicalHost, unencodableLabels, unicodeHost, zoneOf } from "./names.ts";

describe("host names", () => {
  it("canonicalises case and the trailing dot", () => {
    expect(canonicalHost(" WWW.Example.COM. ")).toBe("www.example.com");
  });

  it("finds a host's zone by the longest suffix, never by a bare string suffix", () => {
    expect(zoneOf("A.Lab.Example.com.", ["example.com", "lab.example.com"])).toBe("lab.example.com");
    expect(zoneOf("example.com", ["example.com"])).toBe("example.com");
    expect(zoneOf("notexample.com", ["example.com"])).toBeUndefined();
  });
});

describe("internationalised names", () => {
  it("canonicalises Unicode labels to Punycode, as Cloudflare stores them, and leaves ASCII labels alone", () => {
    expect(canonicalHost("ÖÖÖ.Example.com.")).toBe("xn--ndaaa.example.com");
    expect(canonicalHost("中文")).toBe("xn--fiq228c");
    expect(canonicalHost("_dmarc.ööö")).toBe("_dmarc.xn--ndaaa");
    expect(canonicalHost("*.xn--ndaaa")).toBe("*.xn--ndaaa");
  });

  it("gives the Unicode spelling back for display, and names labels with no Punycode form", () => {
    expect(unicodeHost("mail.xn--ndaaa.com")).toBe("mail.ööö.com");
    expect(unicodeHost("www.example.com")).toBeUndefined();
    expect(unencodableLabels("ok.aא.ööö")).toEqual(["aא"]);
  });
});
