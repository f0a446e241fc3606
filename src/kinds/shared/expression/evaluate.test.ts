import { describe, expect, it } from "vitest";
import { evaluate, parseExpression, sampleFromUrl, type SampleRequest } from "./index.ts";

function truth(text: string, request: SampleRequest) {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluate(parsed.ast, request);
}

const target = sampleFromUrl(new URL("https://example.com/old/page.html?a=1"));

describe("three-valued evaluation against a sample request", () => {
  it.each([
    ['http.host eq "example.com"', true],
    ['http.host eq "www.example.com"', false],
    ['http.request.uri.path eq "/old/page.html"', true],
    ['starts_with(http.request.uri.path, "/old/")', true],
    ['http.request.uri.path.extension in {"css" "html"}', true],
    ['lower(http.request.full_uri) contains "?a=1"', true],
    ['http.request.uri.path matches "^/old/.*\\.html$"', true],
    ['http.request.uri.path wildcard "/OLD/*"', true],
    ['http.request.uri.path strict wildcard "/OLD/*"', false],
    ["not ssl", false],
    ['ip.src in {192.0.2.0/24}', "unknown"],
    ['ip.src in {192.0.2.0/24} and http.host eq "www.example.com"', false],
    ['ip.src in {192.0.2.0/24} or http.host eq "example.com"', true],
    ["ip.src in $office_ips", "unknown"],
    ['http.host eq "example.com" xor ssl', false],
  ] as const)("%s is %s", (text, expected) => {
    expect(truth(text, target)).toBe(expected);
  });

  it("reads headers and cookies as maps, a missing key as false, and any()/all() over [*]", () => {
    const request = { "http.request.headers": { authorization: ["Bearer x"] }, "http.request.headers.names": ["authorization"], "http.request.uri.path": "/" };
    expect(truth('any(http.request.headers.names[*] eq "authorization")', request)).toBe(true);
    expect(truth('not any(http.request.headers.names[*] eq "authorization")', request)).toBe(false);
    expect(truth('http.request.headers["Authorization"][0] contains "Bearer"', request)).toBe(true);
    expect(truth('http.request.headers["cookie"][0] contains "session"', request)).toBe(false);
    expect(truth('all(http.request.headers.names[*] eq "authorization")', request)).toBe(true);
  });
});
