// The core sees the registry, never an engine module: loading and validating the desired state
// (what `cf-gitops validate` does) must load no kind's native.ts or pulumi.ts and no cloud SDK.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("what the core loads", () => {
  it("validating the shipped example loads no engine adapter and no cloud SDK", async () => {
    const script = [
      'import { registerHooks } from "node:module";',
      "const seen = [];",
      "registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.push(result.url); return result; } });",
      `const { loadDesiredState } = await import(${JSON.stringify(join(root, "src/desired-state/index.ts"))});`,
      `const { kinds } = await import(${JSON.stringify(join(root, "src/kinds/registry.ts"))});`,
      `const loaded = await loadDesiredState("desired-state", { root: ${JSON.stringify(root)} });`,
      "const engines = seen.filter((url) => /\\/node_modules\\/(cloudflare|@pulumi)\\/|\\/src\\/engines\\/|\\/src\\/kinds\\/.*\\/(native|pulumi)\\.ts$/.test(url));",
      "console.log(JSON.stringify({ kinds: kinds.length, zones: loaded.state.zones.length, engines }));",
    ].join("\n");
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(join(root, "node_modules/.bin/node"), ["--input-type=module", "-e", script], { cwd: root, timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    const result = JSON.parse(stdout) as { kinds: number; zones: number; engines: string[] };
    expect(result.kinds).toBeGreaterThan(0);
    expect(result.zones).toBeGreaterThan(0);
    expect(result.engines).toEqual([]);
  });
});
