import { describe, expect, it } from "vitest";
import { listReferences, parseExpression, parseValueExpression } from "./index.ts";

const ratelimit = { phase: "http_ratelimit" };
const cache = { phase: "http_request_cache_settings" };
const redirect = { phase: "http_request_dynamic_redirect" };
const target = { phase: "http_request_dynamic_redirect", use: "target_url" as const };

describe("fields and functions per phase", () => {
  it.each([
    ["http.response.code eq 200", ratelimit, "field http.response.code cannot be used in rate-limiting rules' expressions"],
    ['regex_replace(http.host, "a", "b") eq "x"', redirect, "regex_replace() cannot be used in redirect rules' expressions"],
    ['to_string(ip.src.asnum) eq "1"', { phase: "http_request_firewall_custom" }, "to_string() cannot be used in custom firewall rules' expressions"],
    ['cidr(ip.src, 24, 64) eq 192.0.2.0', cache, "cidr() cannot be used in cache rules' expressions"],
  ])("refuses %s in its phase", (text, context, message) => {
    const result = parseExpression(text, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe(message);
      expect(result.error.column).toBe(1);
      expect(result.error.hint).toMatch(/^Cloudflare allows it in /);
    }
  });

  it.each([
    ['cidr(ip.src, 24, 64) eq 192.0.2.0', ratelimit],
    ['cidr(ip.src, 24, 64) eq 192.0.2.0', { phase: "http_request_firewall_custom" }],
    ['http.response.code eq 200', { phase: "http_response_firewall_managed" }],
    // without a phase everything parses, as before
    ['regex_replace(http.host, "a", "b") eq "x"', {}],
    ["http.response.code eq 200", {}],
  ])("accepts %s where Cloudflare allows it", (text, context) => {
    expect(parseExpression(text, context).ok).toBe(true);
  });
});

describe("Transform Rules: filters and rewrite expressions", () => {
  const urlFilter = { phase: "http_request_transform" };
  const urlRewrite = { phase: "http_request_transform", use: "rewrite" as const };
  const headerValue = { phase: "http_request_late_transform", use: "rewrite" as const };

  it.each([
    ['starts_with(http.request.uri.path, "/v1/") and ip.src.country eq "DE"', urlFilter],
    ["http.response.code ge 400", { phase: "http_response_headers_transform" }],
    ['http.response.content_type.media_type eq "text/html"', { phase: "http_response_compression" }],
    ["cf.bot_management.score lt 30", { phase: "http_request_late_transform" }],
  ])("accepts the filter %s", (text, context) => {
    expect(parseExpression(text, context).ok).toBe(true);
  });

  it.each([
    ['regex_replace(http.request.uri.path, "^/v1/", "/v2/")', urlRewrite],
    ['concat("lang=", http.request.accepted_languages[0])', urlRewrite],
    ["to_string(cf.bot_management.score)", headerValue],
    ["ip.src.country", headerValue],
  ])("accepts the rewrite %s", (text, context) => {
    expect(parseValueExpression(text, context).ok).toBe(true);
  });

  it.each([
    ["cf.bot_management.score lt 30", urlFilter, 0, "field cf.bot_management.score cannot be used in URL rewrite rules' expressions", "Cloudflare allows only"],
    ['regex_replace(http.host, "a", "b") eq "x"', { phase: "http_request_late_transform" }, 0, "regex_replace() cannot be used in request header rules' expressions", "Cloudflare allows it in Transform Rules' rewrite expressions, redirect target URLs"],
    ["http.response.code eq 200", { phase: "http_request_origin" }, 0, "field http.response.code cannot be used in origin rules' expressions", "Cloudflare allows it in"],
  ])("refuses the filter %s", (text, context, offset, message, hint) => {
    const result = parseExpression(text, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ offset, message });
      expect(result.error.hint).toContain(hint);
    }
  });

  it("refuses a field URL rewrites do not offer in a rewrite, at its column", () => {
    const result = parseValueExpression('concat("/", ip.src.country)', urlRewrite);
    expect(result).toMatchObject({ ok: false, error: { column: 13, message: "field ip.src.country cannot be used in URL rewrite rules' rewrite expressions" } });
  });
});

describe("target URL expressions", () => {
  it.each([
    'concat("https://example.com", http.request.uri.path)',
    'wildcard_replace(http.request.full_uri, r"https://*.example.com/*", r"https://example.com/${2}")',
    'regex_replace(http.request.uri.path, "^/old/(.*)$", "/new/${1}")',
    '"https://example.com/"',
    "http.request.full_uri",
  ])("accepts %s", (text) => {
    expect(parseValueExpression(text, target)).toMatchObject({ ok: true });
  });

  it.each([
    ["http.request.uri.path eq \"/\"", 22, "expected the end of the expression"],
    ["ip.src.asnum", 0, "the expression gives a Integer, but a URL must be a String"],
    ["concat(\"a\" http.host)", 11, 'expected ")" to close concat('],
    ["", 0, "the expression is empty"],
    ["http.response.headers[\"x\"][0]", 0, "field http.response.headers cannot be used"],
  ])("refuses %s at offset %i", (text, offset, message) => {
    const result = parseValueExpression(text, target);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.offset).toBe(offset);
      expect(result.error.message).toContain(message);
    }
  });
});

describe("list references", () => {
  it("finds every $list with the offset of its $ and what is looked up", () => {
    const text = '(ip.src in $office_ips and not ip.src.asnum in $bad_asns) or any(http.request.headers.names[*] eq "x") or http.host in $cf.x';
    const result = parseExpression(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const refs = listReferences(result.ast).map((ref) => ({ name: ref.name, offset: ref.offset, left: ref.left.type === "field" ? ref.left.name : ref.left.type }));
    expect(refs).toEqual([
      { name: "office_ips", offset: 11, left: "ip.src" },
      { name: "bad_asns", offset: 47, left: "ip.src.asnum" },
      { name: "cf.x", offset: text.indexOf("$cf.x"), left: "http.host" },
    ]);
  });
});
