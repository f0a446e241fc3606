// Invalid expressions: each must fail with the column (1-based, inside the expression) and a
// message fragment that tells the user what is wrong.
import { describe, expect, it } from "vitest";
import { parseExpression } from "./index.ts";

interface Case {
  text: string;
  column: number;
  message: string;
  hint?: string;
}

const cases: Case[] = [
  { text: 'http.hots eq "x"', column: 1, message: "unknown field http.hots", hint: "did you mean http.host?" },
  { text: 'http.user_agnet contains "x"', column: 1, message: "unknown field http.user_agnet", hint: "did you mean http.user_agent?" },
  { text: 'http.host eq "a" or foo', column: 21, message: "unknown field foo" },
  { text: 'ip.src contains "x"', column: 8, message: '"contains" works on strings' },
  { text: "ip.src lt 1.1.1.1", column: 8, message: "does not work on IP addresses" },
  { text: 'cf.threat_score eq "10"', column: 20, message: "expected an integer after eq", hint: "without quotes" },
  { text: "cf.threat_score matches 10", column: 17, message: '"matches" works on strings' },
  { text: "http.host eq 10", column: 14, message: "expected a string after eq", hint: 'put it in double quotes: "10"' },
  { text: 'ip.src eq "1.1.1.1"', column: 11, message: "expected an IP address", hint: "without quotes" },
  { text: "ip.src in {192.0.2.1/24}", column: 12, message: "has host bits set", hint: "192.0.2.0/24" },
  { text: "ssl eq true", column: 5, message: "is a Boolean", hint: "write ssl or not ssl" },
  { text: 'http.host eq "a" AND ssl', column: 18, message: 'expected "and", "or", "xor"', hint: "operators are lowercase: and" },
  { text: 'http.host eq "a" and', column: 21, message: "found the end of the expression" },
  { text: 'http.host eq "a" and and ssl', column: 22, message: 'found "and"' },
  { text: '(http.host eq "a"', column: 1, message: 'missing ")"' },
  { text: 'http.host eq "a")', column: 17, message: 'unexpected ")"' },
  { text: 'http.host = "a"', column: 11, message: 'unexpected "="', hint: "==" },
  { text: 'http.host eq "abc', column: 14, message: "unterminated string" },
  { text: 'http.host eq r#"abc"', column: 14, message: "unterminated raw string" },
  { text: "ip.src in {1.1.1.1, 2.2.2.2}", column: 19, message: 'unexpected ","', hint: "not commas" },
  { text: "ip.src in {}", column: 11, message: "empty set" },
  { text: "ip.src in {1.1.1.1", column: 11, message: 'missing "}"' },
  { text: "cf.threat_score in {10..5}", column: 21, message: "ends before it starts" },
  { text: "ip.src in {10.0.0.5..10.0.0.1}", column: 12, message: "ends before it starts" },
  { text: "ip.src in {1.1.1.1..::1}", column: 12, message: "mixes IPv4 and IPv6" },
  { text: "ip.src eq 1.2.3.400", column: 11, message: "invalid IP address" },
  { text: "ip.src in {10.0.0.0/33}", column: 21, message: "invalid network length /33" },
  { text: "ip.src eq 10.0.0.0/8", column: 11, message: "can only be used in a set", hint: "in {10.0.0.0/8}" },
  { text: 'lowr(http.host) eq "a"', column: 1, message: "unknown function lowr()", hint: "did you mean lower()?" },
  { text: 'lower(http.host, "x") eq "a"', column: 18, message: "takes at most 1 argument" },
  { text: 'lower(cf.threat_score) eq "a"', column: 7, message: "must be String, not Integer" },
  { text: 'ends_with("foo.html", ".html")', column: 11, message: "must be a field or function, not a literal" },
  { text: "substring(http.host)", column: 20, message: "needs 2 arguments, got 1" },
  {
    text: "is_timed_hmac_valid_v0(http.host, http.request.uri, 100000, http.request.timestamp.sec)",
    column: 24,
    message: "must be a literal value",
  },
  { text: 'http.request.headers.names[*] == "x"', column: 1, message: "must be wrapped in any(...) or all(...)" },
  { text: 'any(http.request.headers.names[*] == "a" or ssl)', column: 42, message: '"or" joins Array<Boolean> and Boolean' },
  { text: 'http.request.headers == "x"', column: 22, message: "cannot be compared directly", hint: "any(http.request.headers[*]" },
  { text: 'http.request.headers[0] == "x"', column: 21, message: "index it with a string key" },
  { text: 'http.request.headers.names["a"] == "x"', column: 27, message: "index it with a number" },
  { text: 'http.host[0] eq "x"', column: 10, message: "cannot be indexed" },
  { text: 'http.host eq "a\\q"', column: 16, message: "invalid escape \\q", hint: "raw string" },
  { text: 'http.host wildcard "a**b"', column: 20, message: "**" },
  { text: "ip.src in $Office", column: 11, message: "invalid list name $Office" },
  { text: 'http.request.uri.path ends_with ".html"', column: 23, message: "expected a comparison operator", hint: "ends_with is a function" },
  { text: 'http.host EQ "a"', column: 11, message: "expected a comparison operator", hint: "operators are lowercase: eq" },
  { text: "", column: 1, message: "the expression is empty" },
  { text: "   ", column: 1, message: "the expression is empty" },
  { text: 'http.host eq "a" ssl', column: 18, message: 'expected "and", "or", "xor"' },
  { text: "cf.threat_score gt 10 and http.host contains 5", column: 46, message: "expected a string after contains" },
  { text: "http.host matches 'x'", column: 19, message: "unexpected \"'\"" },
  { text: 'http.host strict "a"', column: 18, message: 'expected "wildcard" after "strict"' },
  { text: "ip.src.asnum eq 99999999999999999999", column: 17, message: "out of the 64-bit range" },
  { text: 'http.host in "a"', column: 14, message: "expected { or a $list after in" },
  { text: '"/admin" eq http.request.uri.path', column: 1, message: "expected a field", hint: "the field goes on the left" },
  { text: 'any(http.request.body.multipart.names[*][*] == "a")', column: 41, message: "[*] can be used only once" },
  { text: 'any(http.request.headers.names[*][*] == "a")', column: 34, message: "is a String and cannot be indexed" },
  { text: 'any(http.request.headers.names[*] == "a"', column: 41, message: 'expected ")" to close any(' },
  { text: "cf.client.bot and http.host", column: 28, message: "expected a comparison operator after http.host (a String)" },
  { text: "concat(http.host, http.request.headers.names[*])", column: 19, message: "[*] can be used only in the first argument" },
  { text: 'http.host eq "\\x4"', column: 15, message: "\\x needs two hex digits" },
  { text: 'not http.request.uri.path eq "/" or http.host eq "a" & ssl', column: 54, message: 'unexpected "&"', hint: "&&" },
  { text: "http.request.uri.path matches", column: 30, message: "expected a string after matches" },
  { text: 'http.request.uri.path matches "^/(admin"', column: 31, message: 'unclosed "("' },
  { text: 'http.request.uri.path matches r"^/admin)"', column: 40, message: 'unmatched ")"' },
  { text: 'http.request.uri.path matches r"^/(?!public)"', column: 35, message: "look-ahead and look-behind are not supported" },
  { text: 'http.request.uri.path matches r"(a)\\1"', column: 36, message: "backreferences" },
  { text: 'http.request.uri.path matches "[a-z"', column: 31, message: "unterminated string", hint: "inside [...]" },
  { text: 'http.request.uri.path matches r"[a-z"', column: 33, message: 'unclosed "["' },
];

describe("parseExpression on invalid expressions", () => {
  it("has at least 30 of them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("rejects $text at column $column", ({ text, column, message, hint }) => {
    const result = parseExpression(text);
    if (result.ok) throw new Error(`expected an error for ${text}`);
    expect(result.error.message).toContain(message);
    expect(result.error.column).toBe(column);
    expect(result.error.offset).toBe(column - 1);
    if (hint !== undefined) expect(result.error.hint).toContain(hint);
  });
});

describe("limits", () => {
  it("rejects an expression longer than Cloudflare's 4096 characters without parsing it", () => {
    const text = `http.host in {${'"a" '.repeat(1100)}}`;
    const result = parseExpression(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.column).toBe(4097);
      expect(result.error.message).toContain("at most 4096");
    }
  });

  it("rejects nesting deeper than 100 levels with a message instead of overflowing the stack", () => {
    const text = `${"(".repeat(150)}ssl${")".repeat(150)}`;
    const result = parseExpression(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain("nested more than 100 levels");
      expect(result.error.column).toBe(101);
    }
  });

  it("never throws, whatever the input", () => {
    const samples = ["\u0000", "((((", "r#", "r###\"", "$", "[", "]", "{", "ip.src in {", "any(", "x[", "http.host[", "\\", "\"\\", "::", "-", "1..", "0x"];
    for (const text of samples) expect(() => parseExpression(text)).not.toThrow();
  });
});
