// The Pulumi SDK is slow to load: only this folder and the kinds' pulumi.ts (and the shared helpers'
// pulumi.ts under src/kinds/shared/) may import it, and the engine's entry point loads it lazily
// (so a missing CLI, or `--engine native`, never pays for it).
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

describe("where the Pulumi SDK is loaded", () => {
  it("is imported only under src/engines/pulumi/ and src/kinds/**/pulumi.ts", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(join(root, "src"))) {
      const path = relative(root, file);
      if (path.startsWith("src/engines/pulumi/") || /^src\/kinds\/(shared\/)?[^/]+\/pulumi\.ts$/.test(path)) continue;
      if (/from\s+["']@pulumi\/|import\(\s*["']@pulumi\//.test(await readFile(file, "utf8"))) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });

  it("is not loaded by importing the engine's entry point or the import-id helper", async () => {
    const script = [
      'import { createRequire } from "node:module";',
      `await import(${JSON.stringify(join(root, "src/engines/pulumi/index.ts"))});`,
      `await import(${JSON.stringify(join(root, "src/engines/pulumi/import-ids.ts"))});`,
      "const cache = createRequire(import.meta.url).cache;",
      'console.log(Object.keys(cache).filter((key) => key.includes("@pulumi")).length);',
    ].join("\n");
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(join(root, "node_modules/.bin/node"), ["--input-type=module", "-e", script], { cwd: root, timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    expect(stdout.trim()).toBe("0");
  });
});
