// `--help`, `validate` and `policy` start fast because they never load an engine's SDK: the
// Cloudflare SDK (or its bundle in dist/vendor/), Pulumi or octokit. A loader hook in the real CLI
// process records every module it loads, as the compiled CLI and as the TypeScript sources.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../src/emulator/index.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const forbidden = [/\/node_modules\/cloudflare\//, /\/dist\/vendor\/cloudflare\./, /\/node_modules\/@pulumi\//, /\/node_modules\/(@octokit|octokit)\//, /\/engines\/(native|pulumi)\//];

const recorder = `
import { registerHooks } from "node:module";
import { writeFileSync } from "node:fs";
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on("exit", () => writeFileSync(process.env.LOADED_FILE, loaded.join("\\n")));
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-lazy-"));
  await writeFile(join(dir, "record.mjs"), recorder);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadedBy(args: string[], fromSource: boolean, env: Record<string, string> = {}): Promise<string[]> {
  const file = join(dir, `${args[0]}-${fromSource ? "src" : "dist"}.txt`);
  await promisify(execFile)(join(repoRoot, "node_modules/.bin/node"), ["--import", join(dir, "record.mjs"), join(repoRoot, "bin/cf-gitops.js"), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOADED_FILE: file, CFGITOPS_FROM_SOURCE: fromSource ? "1" : "", NODE_DISABLE_COMPILE_CACHE: "1", ...env },
  }).catch(() => undefined); // plan against an empty emulator fails; what it loaded is the point
  return (await readFile(file, "utf8")).split("\n");
}

describe.each([
  ["the TypeScript sources", true],
  ["the compiled CLI (or the sources when dist/ is missing or stale)", false],
])("modules loaded, running %s", (_name, fromSource) => {
  for (const args of [["--help"], ["validate"], ["policy"]]) {
    it(`cf-gitops ${args.join(" ")} loads no engine, Cloudflare SDK, Pulumi or octokit`, async () => {
      const loaded = await loadedBy(args, fromSource);
      expect(loaded.some((url) => url.includes("/cli/main."))).toBe(true);
      expect(loaded.filter((url) => forbidden.some((pattern) => pattern.test(url)))).toEqual([]);
    });
  }

  it("cf-gitops plan does load the Cloudflare SDK (so the check above can fail)", async () => {
    const emulator = await startEmulator({});
    try {
      const loaded = await loadedBy(["plan"], fromSource, { CLOUDFLARE_API_TOKEN: "lazy", CLOUDFLARE_BASE_URL: emulator.baseUrl });
      // the SDK itself, or its bundle (the compiled CLI runs the sources while dist/ is stale)
      expect(loaded.some((url) => forbidden[0]!.test(url) || forbidden[1]!.test(url))).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});
