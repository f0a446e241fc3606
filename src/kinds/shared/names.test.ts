import { describe, expect, it } from "vitest";
import { canonicalHost, zoneOf } from "./names.ts";

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
