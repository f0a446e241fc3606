// Differential fuzzing: random edits of real files; whatever the fast reader accepts, yaml must
// read without errors or warnings and to the same value (else the fast path would hide a problem).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseFastYaml } from "./fast-yaml.ts";

const repo = join(import.meta.dirname, "..", "..");
const seeds = [
  "desired-state/zones/example.net.yaml",
  "desired-state/services/home-assistant.yaml",
  "stacks/default.yaml",
  "test/fixtures/bad/dns-srv-target-ip/desired-state/zones/example.com.yaml",
  "test/fixtures/bad/firewall-duplicate-ref/desired-state/zones/example.com.yaml",
].map((file) => readFileSync(join(repo, file), "utf8"));

const pieces = [
  "\n  ", "\n- ", "\n    ", "x:", ":x", "é", "\u2028", "- - ", " -", '"\\u00e9"', "''", "...", "<<", "__proto__",
  " ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "'", '"', "{", "}", "[", "]", ",", "a", "1", "\\", "?", "&", "*", "!", "|", ">", "%", "@", "~", "0x1", ".5", "true", "null",
];

function mutants(seed: number, count: number): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    let text = seeds[random(seeds.length)]!;
    for (let edit = 0, edits = 1 + random(6); edit < edits; edit++) {
      const at = random(text.length + 1);
      text = random(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + random(3)) : text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
    }
    return text;
  });
}

describe("fast reader vs yaml on mutated files", () => {
  it("never accepts what yaml rejects, and reads the same values", () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const text of mutants(20261125, 1500)) {
      const fast = parseFastYaml(text);
      if (!fast) continue;
      accepted++;
      const doc = parseDocument(text, { uniqueKeys: true });
      if (doc.errors.length > 0 || doc.warnings.length > 0 || JSON.stringify(doc.toJS()) !== JSON.stringify(fast.value)) disagreements.push(text);
    }
    expect(accepted).toBeGreaterThan(400);
    expect(disagreements.slice(0, 3)).toEqual([]);
  });
});
