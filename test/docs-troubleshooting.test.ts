// docs/troubleshooting.md quotes the tool's own messages; every one must still exist in src/, so the
// page cannot drift from the code. `<...>` in a quote stands for the part that varies.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fencedBlocks, readDoc, repoRoot } from "./support/markdown.ts";

const doc = readDoc("docs/troubleshooting.md");

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join("src", "emulator") ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [readFileSync(join(repoRoot, path), "utf8")] : [];
  });
}

/** The quoted messages: `error: ...` and `hint: ...` lines, diagnostics (`file:1:1: error code: ...`), JSON error messages. */
function quotedMessages(markdown: string): string[] {
  return fencedBlocks(markdown, "text").flatMap((block) =>
    block.split("\n").flatMap((line) => {
      const json = /"message":"([^"]+)"/.exec(line);
      if (json) return [json[1]!];
      const diagnostic = /^\S+:\d+:\d+: (?:error|warning) ([a-z-]+): (.+)$/.exec(line) ?? /^\S+:\d+:\d+: (?:error|warning) \[([a-z-]+)\] (.+)$/.exec(line);
      if (diagnostic) return [diagnostic[1]!, diagnostic[2]!];
      const plain = /^\s*(?:error|hint): (.+)$/.exec(line);
      return plain ? [plain[1]!] : [];
    }),
  );
}

/** A quote as a pattern: the literal parts exactly, each `<...>` (and a space next to it) as anything. */
function messagePattern(message: string): RegExp {
  const parts = message.split(/ ?<[^>]+> ?/);
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*?"));
}

describe("docs/troubleshooting.md", () => {
  const code = sources("src").join("\n");

  it("explains fifteen errors, each with its cause and fix", () => {
    const entries = [...doc.matchAll(/^## (\d+)\. /gm)].map(([, number]) => Number(number));
    expect(entries).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    for (const entry of doc.split(/^## \d+\. /m).slice(1)) {
      expect(entry).toContain("**Cause.**");
      expect(entry).toContain("**Fix.**");
      expect(entry).toContain("```text");
    }
  });

  it("quotes only messages that exist in src/", () => {
    const messages = quotedMessages(doc);
    expect(messages.length).toBeGreaterThan(25);
    const missing = messages.filter((message) => !messagePattern(message).test(code));
    expect(missing, "update docs/troubleshooting.md to the message the code prints now").toEqual([]);
  });

  it("would notice a message the code no longer has", () => {
    expect(messagePattern("zone <zone> not found in the Cloudflare account").test(code)).toBe(true);
    expect(messagePattern("zone <zone> could not be found in the Cloudflare account").test(code)).toBe(false);
    expect(quotedMessages("```text\nstacks:1:1: error stack-missing: x <y>\n  hint: z\n```\n")).toEqual(["stack-missing", "x <y>", "z"]);
    expect(quotedMessages("```text\npolicies/a.ts:1:1: error [policy-load-error] x\n```\n")).toEqual(["policy-load-error", "x"]);
  });
});
