// "Never throw on user input": randomly damaged copies of the example files must give diagnostics
// with real positions, never an exception or an internal rule error.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesiredState } from "./index.ts";

const repo = join(import.meta.dirname, "..", "..");
const files = ["desired-state/zones/example.com.yaml", "desired-state/zones/example.net.yaml", "desired-state/services/home-assistant.yaml"];
const seeds = files.map((file) => readFileSync(join(repo, file), "utf8"));
const pieces = ["\n  ", "\n- ", "x:", ": ", "-", "#", "'", '"', "{", "}", "[", "]", ",", "&a", "*a", "!!js/function", "|", ">", "~", "type: SRV", "proxied: true", "ttl: 5", "..", "*", "@", "content: 1.2.3.4"];

describe("loadDesiredState on damaged input", () => {
  it("returns diagnostics with positions and never throws", async () => {
    const root = await mkdtemp(join(tmpdir(), "cfgitops-load-fuzz-"));
    let state = 424242;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    const bad: unknown[] = [];
    try {
      for (let round = 0; round < 300; round++) {
        const pick = random(files.length);
        let text = seeds[pick]!;
        for (let edit = 0, edits = 1 + random(5); edit < edits; edit++) {
          const at = random(text.length + 1);
          text = random(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + random(5)) : text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
        }
        const dir = join(root, String(round));
        await mkdir(join(dir, files[pick]!, ".."), { recursive: true });
        await writeFile(join(dir, files[pick]!), text);
        const result = await loadDesiredState("desired-state", { root: dir });
        for (const d of result.diagnostics) if (!(d.line >= 1 && d.column >= 1 && d.file === files[pick]) || d.code === "internal-rule-error") bad.push({ d, text });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    expect(bad.slice(0, 2)).toEqual([]);
  });
});
