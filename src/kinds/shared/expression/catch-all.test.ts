import { describe, expect, it } from "vitest";
import { matchesEverything, parseExpression } from "./index.ts";
import { regexMatchesEverything } from "./regex-nullable.ts";

function everything(text: string): boolean {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return matchesEverything(result.ast);
}

describe("matchesEverything", () => {
  it.each([
    "true",
    "(true)",
    "not false",
    "!(false)",
    "ip.src in {0.0.0.0/0 ::/0}",
    "ip.src in {0.0.0.0/1 128.0.0.0/1 ::/1 8000::/1}",
    "ip.src in {0.0.0.0..255.255.255.255 ::/0}",
    'http.request.uri.path contains ""',
    'http.host eq "example.com" or true',
    'true or http.host eq "example.com"',
    'http.host wildcard "*"',
    'http.request.full_uri strict wildcard "*"',
    'http.request.uri.path matches ".*"',
    'http.request.uri.path matches "^.*$"',
    'http.request.uri.path ~ r"(?i)^.*"',
    'http.request.uri.path matches ""',
    "ip.src ne 1.1.1.1 or ip.src eq 1.1.1.1",
    "cf.threat_score lt 10 or cf.threat_score ge 10",
    "ssl or not ssl",
    '(http.host eq "a" and ssl) or not (http.host eq "a" and ssl)',
    "ssl xor not ssl",
    "true and not false",
    "not (ssl and false)",
    'http.host eq "a" or (ssl or true)',
  ])("flags %s", (text) => {
    expect(everything(text)).toBe(true);
  });

  it.each([
    "false",
    "ssl",
    "not true",
    "ip.src in {0.0.0.0/0}",
    "ip.src in {::/0}",
    "ip.src in {0.0.0.0/1 ::/0}",
    'http.request.uri.path contains "/"',
    'http.host wildcard "*.example.com"',
    'http.request.uri.path matches ".+"',
    'http.request.uri.path matches "^/admin"',
    'http.request.uri.path matches "^$"',
    "true and ssl",
    'http.host eq "a" or http.host ne "b"',
    'http.request.headers["x"][0] eq "a" or http.request.headers["x"][0] ne "a"',
    "cf.threat_score lt 10 or cf.threat_score gt 10",
    "ssl xor ssl",
    "ip.src in $everything",
    'not http.request.uri.path contains ""',
  ])("does not flag %s", (text) => {
    expect(everything(text)).toBe(false);
  });
});

describe("regexMatchesEverything", () => {
  it.each(["", ".*", "^.*", ".*$", "(?s).*", "^", "$", "a*", "(a|)", "^(.*)$", "x?", "[a-z]*", "^(?:foo)?", ".{0,3}", "a|b*", "^$|.*", "[[:alpha:]]*", "[a-z&&[^aeiou]]*"])(
    "%s matches everything",
    (pattern) => {
      expect(regexMatchesEverything(pattern)).toBe(true);
    },
  );

  it.each(["a", "^a", "^$", "a+", ".+", "^/admin", "(a)", "[a-z]+", "^.+$", "(", "[a", "\\d", "a*b", "^.*x$", "x{1,3}", "\\*", "[[:alpha:]]+"])(
    "%s does not",
    (pattern) => {
      expect(regexMatchesEverything(pattern)).toBe(false);
    },
  );
});

describe("matchesEverything on long expressions", () => {
  it("handles a 4,000-character or-chain quickly", () => {
    const parts = Array.from({ length: 100 }, (_, i) => `not http.host eq "h${i}.example.com"`);
    const text = parts.join(" or ");
    expect(text.length).toBeLessThan(4096);
    const result = parseExpression(text);
    if (!result.ok) throw new Error(result.error.message);
    const started = performance.now();
    expect(matchesEverything(result.ast)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
    const closing = parseExpression(`${parts.slice(0, 90).join(" or ")} or http.host eq "h7.example.com"`);
    if (!closing.ok) throw new Error(closing.error.message);
    expect(matchesEverything(closing.ast)).toBe(true);
  });
});
