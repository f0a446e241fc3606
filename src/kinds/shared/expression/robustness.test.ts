// Mutated expressions (characters deleted, duplicated or replaced) must never make the parser
// throw, and every error must point inside the text (or just past its end).
import { describe, expect, it } from "vitest";
import { parseExpression } from "./index.ts";

const seeds = [
  '(http.host eq "api.example.com" and http.request.uri.path wildcard "/admin/*") or ip.src in {192.0.2.0/24 2001:db8::/32}',
  'any(lower(http.request.headers.names[*])[*] == "content-type") and not cf.client.bot',
  'http.request.uri.path matches r#"^/(a|b)"[0-9]+$"# xor cf.waf.score in {1..20 50}',
  'is_timed_hmac_valid_v0("key", concat(http.request.uri, "-"), 100, http.request.timestamp.sec, 8) && !ssl',
];
const alphabet = ' ()[]{}"#*$!=<>~&|^,.-:/\\0123456789abcdefrxyz';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const char = alphabet[Math.floor(random() * alphabet.length)] ?? " ";
  const kind = random();
  if (kind < 0.33) return text.slice(0, at) + text.slice(at + 1);
  if (kind < 0.66) return text.slice(0, at) + char + text.slice(at);
  return text.slice(0, at) + char + text.slice(at + 1);
}

describe("robustness", () => {
  it("never throws on 3,000 mutated expressions and keeps error columns in range", () => {
    const random = mulberry32(42);
    const problems: string[] = [];
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length] ?? "";
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) text = mutate(text, random);
      const result = parseExpression(text);
      if (result.ok) continue;
      errors++;
      const { column, message } = result.error;
      if (column < 1 || column > text.length + 1 || message.includes("internal error")) problems.push(`${text} -> ${column}: ${message}`);
    }
    expect(problems).toEqual([]);
    expect(errors).toBeGreaterThan(600);
  });
});
