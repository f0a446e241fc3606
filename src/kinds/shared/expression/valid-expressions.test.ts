// Expressions from Cloudflare's documentation (Rules language reference pages: operators,
// values, functions, fields) and common WAF custom rule examples. Every one must parse.
import { describe, expect, it } from "vitest";
import { formatExpression, parseExpression } from "./index.ts";

const documented: string[] = [
  // operators page
  'http.request.uri.path eq "/articles/2008/"',
  "ip.src ne 203.0.113.0",
  "cf.threat_score lt 10",
  "cf.waf.score le 20",
  "cf.waf.score gt 25",
  "cf.waf.score ge 60",
  'http.request.uri.path contains "/articles/"',
  'http.request.uri.path wildcard "/articles/*"',
  'http.request.uri.path strict wildcard "/AdminTeam/*"',
  'http.request.uri.path matches "^/articles/200[7-8]/$"',
  "ip.src in { 203.0.113.0 203.0.113.1 }",
  "ip.src.asnum in $my_asns",
  'lower(http.request.uri.path) contains "/wp-login.php"',
  'http.request.full_uri wildcard "https://example.com/a/*"',
  'http.request.full_uri wildcard "*.example.com/*/page.html"',
  'http.request.full_uri wildcard "*.example.com/*" or http.request.full_uri wildcard "example.com/*"',
  'not ( http.host eq "www.cloudflare.com" and ip.src in {203.0.113.0/24} )',
  'http.host eq "www.cloudflare.com" and ip.src in {203.0.113.0/24}',
  'http.host eq "www.cloudflare.com" xor ip.src in {203.0.113.0/24}',
  `(
 (http.host eq "api.example.com" and http.request.uri.path eq "/api/v2/auth") or
 (http.host matches "^(www|store|blog)\\.example\\.com" and http.request.uri.path contains "wp-login.php") or
 ip.geoip.country in {"CN" "TH" "US" "ID" "KR" "MY" "IT" "SG" "GB"} or ip.geoip.asnum in {12345 54321 11111}
) and not ip.src in {11.22.33.0/24}`,
  // functions page
  'lower(http.host) == "www.cloudflare.com"',
  'any(url_decode(http.request.body.form.values[*])[*] contains "an xss attack")',
  'all(http.request.headers["content-type"][*] == "application/json")',
  '(any(decode_base64(http.request.headers["client_id"][*])[*] eq "123abc"))',
  'ends_with(http.request.uri.path, ".html")',
  'starts_with(http.request.uri.path, "/blog")',
  'lookup_json_string(http.request.body.raw, "company") == "cloudflare"',
  'lookup_json_string(http.request.body.raw, "network", "name") == "cloudflare"',
  'lookup_json_string(http.request.body.raw, 1) == "cloudflare"',
  'lookup_json_string(http.request.body.raw, "networks", 1) == "cloudflare"',
  'lookup_json_integer(http.request.body.raw, "product", "id") eq 356',
  'lookup_json_integer(http.request.body.raw, 1) eq -234',
  'url_decode(http.request.uri.path) matches "(?u)\\p{Hangul}+"',
  'url_decode(http.request.uri.query, "r") contains "<script"',
  'substring(http.request.body.raw, 2, 5) eq "dfg"',
  'substring(http.request.body.raw, -2) eq "jk"',
  'remove_bytes(http.host, "\\x2e\\x77") eq "cloudflarecom"',
  'join(http.request.headers.names, ",") contains "x-debug"',
  'concat("/archive", http.request.uri.path) eq "/archive/index.html"',
  "cidr(ip.src, 24, 24) eq 113.10.0.0",
  "cidr6(ip.src, 24) eq 2001::",
  'http.host == "downloads.example.com" and not is_timed_hmac_valid_v0("mysecretkey", http.request.uri, 100000, http.request.timestamp.sec, 8)',
  `is_timed_hmac_valid_v0(
  "mysecretkey",
  concat(
    http.request.uri,
    http.request.headers["timestamp"][0],
    "-",
    http.request.headers["mac"][0]),
  100000,
  http.request.timestamp.sec,
  0
)`,
  // values page
  'http.request.uri.path matches "a\\"b"',
  'http.request.uri.path matches r#"a"b"#',
  'http.request.uri.path matches r##"a"#b"##',
  'http.request.uri.path matches r"/api/login\\.aspx$"',
  "ssl",
  "not ssl",
  'http.request.headers.names[0] == "Content-Type"',
  'any(http.request.headers.names[*] == "Content-Type")',
  'any(lower(http.request.headers.names[*])[*] == "content-type")',
  'any(http.request.headers["accept"][*] == "application/json")',
  'len(http.request.uri.args["filter"][1]) eq 4',
  'all(len(http.request.uri.args["filter"][*])[*] in {3 4})',
  'all(not len(http.request.uri.args["filter"][*])[*] in {3 4})',
  'len(http.request.uri.args["filter"]) >= 0',
  'not len(http.request.uri.args["order"]) >= 0',
  "(ip.src in $office_network)",
  'http.host in {"example.com" "example.net"}',
  "ip.src in {198.51.100.1 198.51.100.3..198.51.100.7 192.0.2.0/24 2001:0db8::/32}",
  "cf.edge.server_port in {8000..8009 8080..8089}",
  // fields reference
  'any(http.request.cookies["app"][*] == "test")',
  "any(cf.bot_management.detection_ids[*] eq 33554817)",
  `not cf.bot_management.verified_bot
and not cf.bot_management.static_resource
and not  cf.bot_management.corporate_proxy
and cf.bot_management.score lt 30`,
  "cf.edge.l4.delivery_rate < 100000",
  "cf.timings.client_quic_rtt_msec > 200",
  "cf.timings.origin_ttfb_msec > 2000",
  'cf.waf.content_scan.has_obj and http.request.uri.path eq "/upload"',
  'cf.waf.content_scan.num_malicious_obj > 2 and http.request.uri.path eq "/upload"',
  'any(cf.waf.content_scan.obj_sizes[*] > 512000) and http.request.uri.path eq "/upload"',
  'any(cf.waf.content_scan.obj_types[*] != "application/pdf") and http.request.uri.path eq "/upload"',
  'any(cf.waf.content_scan.obj_results[*] in {"suspicious" "infected"}) and http.request.uri.path eq "/upload"',
  '(cf.llm.prompt.pii_detected and any(cf.llm.prompt.pii_categories[*] in {"EMAIL_ADDRESS" "BANK_ACCOUNT"}))',
  "(cf.llm.prompt.token_count gt 4000)",
  '(cf.llm.prompt.custom_topic_categories["competitors"] lt 30)',
  'any(http.request.uri.args["search"][*] == "red+apples")',
  'any(http.request.uri.args.names[*] == "search")',
  "any(len(http.request.headers.values[*])[*] gt 10)",
  'any(http.request.body.form["username"][*] == "admin")',
  'http.request.body.mime in {"image/bmp" "image/gif" "image/jpeg" "image/png" "image/tiff"}',
  'any(http.request.body.multipart.names[*][0] == "picture")',
  'any(http.request.body.multipart.content_dispositions[*][0] in {"form-data; name=\\"username\\"" "form-data; name=\\"picture\\""})',
  'any(raw.http.response.headers["server"][*] == "nginx")',
  // expressions page
  'http.request.uri.path matches "/autodiscover\\.(xml|src)$"',
  'http.host eq "www.example.com" and not cf.edge.server_port in {80 443}',
  // WAF custom rule examples
  '(http.user_agent contains "BadBot")',
  '(http.request.uri.path eq "/login" and http.request.method eq "POST")',
  "(cf.bot_management.score lt 30 and not cf.bot_management.verified_bot)",
  '(http.host in {"api.example.com"} and not cf.tls_client_auth.cert_verified)',
  'ip.src.country in {"KP" "IR"} and not ip.src in $cf.open_proxies',
  'http.request.version in {"HTTP/1.0" "HTTP/1.1"}',
  'http.request.headers["x-foo"][0] eq "bar"',
  'http.request.uri.path ~ "^/wp-admin"',
  'http.host eq "a" || http.host eq "b" && ssl',
  "! ssl",
  'http.request.uri.query contains "id=" ^^ ssl',
  "true",
  "ip.src in {2001:0000:130F::09C0:876A:130B ::1 fe80::/10}",
  "ip.src in $cf.malware",
  'raw.http.request.uri.path strict wildcard r"/Admin/*"',
  'any(starts_with(http.request.headers.names[*], "x-")[*])',
  '(not http.request.uri.path matches "^/api/")',
  '(any(http.request.headers["x-api-key"][*] eq "secret") or http.request.headers["authorization"][0] wildcard "Bearer *")',
];

describe("parseExpression on documented examples", () => {
  it("has at least 60 of them", () => {
    expect(documented.length).toBeGreaterThanOrEqual(60);
  });

  it.each(documented)("parses %s", (text) => {
    const result = parseExpression(text);
    expect(result.ok ? "ok" : result.error).toBe("ok");
  });

  it.each(documented)("formats %s to text that parses to the same canonical form", (text) => {
    const first = parseExpression(text);
    if (!first.ok) throw new Error(first.error.message);
    const canonical = formatExpression(first.ast);
    const second = parseExpression(canonical);
    if (!second.ok) throw new Error(`${canonical}: ${second.error.message}`);
    expect(formatExpression(second.ast)).toBe(canonical);
  });
});
