// The provider rejects an API token of another shape before any request, so a test token that
// reaches the pulumi engine must have the provider's shape, or the conformance workflow's previews
// all fail (issue 13). This checks the shared tokens and every token literal in the tests that can
// reach the engine; a line that means to be rejected says "deliberately rejected".
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { token } from "../../../test/native-support.ts";
import { conformanceToken } from "../engine.case.ts";
import { isProviderToken, providerTokenPattern, providerTokenProblem } from "./token.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Files whose tests can run the pulumi engine, or that hand tokens to those that do. */
async function candidates(): Promise<string[]> {
  const files: string[] = [join(root, "src/engines/engine.case.ts"), join(root, "test/native-support.ts")];
  for (const dir of ["src/engines/pulumi", "test"]) {
    const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      const file = join(entry.parentPath, entry.name);
      const text = await readFile(file, "utf8");
      if (dir === "src/engines/pulumi" || /createPulumiEngine|--engine", "pulumi"|engine: pulumi/.test(text)) files.push(file);
    }
  }
  return [...new Set(files)];
}

const literal = /(?:apiToken|CLOUDFLARE_API_TOKEN|[Tt]oken)\s*[:=]\s*"([^"]*)"|setConfig\(\s*"[^"]*apiToken"\s*,\s*"([^"]*)"/g;

describe("API tokens in the tests that reach the Pulumi provider", () => {
  it("the shared test tokens have the provider's shape", () => {
    expect(isProviderToken(token)).toBe(true);
    expect(isProviderToken(conformanceToken)).toBe(true);
    expect(providerTokenPattern.source).toBe("^[0-9A-Za-z_-]{40,80}$");
  });

  it("every token literal in those tests matches the provider's pattern", async () => {
    const found: string[] = [];
    const bad: string[] = [];
    for (const file of await candidates()) {
      for (const [index, line] of (await readFile(file, "utf8")).split("\n").entries()) {
        if (line.includes("deliberately rejected")) continue;
        for (const match of line.matchAll(literal)) {
          const value = match[1] ?? match[2] ?? "";
          found.push(value);
          if (!isProviderToken(value)) bad.push(`${relative(root, file)}:${index + 1}: "${value}"`);
        }
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(bad).toEqual([]);
  });

  it("says what is wrong with a token of another shape", () => {
    expect(providerTokenProblem(token)).toBeUndefined();
    expect(providerTokenProblem("test-token")).toMatch(/^CLOUDFLARE_API_TOKEN is 10 characters long; the Pulumi provider only accepts tokens of 40 to 80/);
    expect(providerTokenProblem(`${"a".repeat(39)}.`)).toMatch(/contains characters other than letters, digits, - and _/);
    expect(providerTokenProblem("a".repeat(81))).toMatch(/81 characters long/);
    expect(providerTokenProblem("a".repeat(80))).toBeUndefined();
  });
});
