// The CLI's custom policies run in the sandbox too (issue 22), seen from a real `cf-gitops` process:
// a configuration repository made with `npm init -y` ("type": "commonjs") loads the shipped example
// policy as an ES module, and --policy-timeout stops a policy that never returns.
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/daemon-process.ts";

const node = join(repoRoot, "node_modules", ".bin", "node");
let dir: string;

async function policy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await promisify(execFile)(node, [join(repoRoot, "bin", "cf-gitops.js"), "policy", ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "" } });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-policy-sandbox-cli-"));
  for (const part of ["desired-state", "stacks", "policies"]) await cp(join(repoRoot, part), join(dir, part), { recursive: true });
  // What `npm init -y` writes.
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "my-cloudflare", version: "1.0.0", main: "index.js", type: "commonjs" }, null, 2));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("cf-gitops policy, custom policies in the sandbox", () => {
  it("loads the example policy in a repository whose package.json says commonjs", async () => {
    const { code, stdout } = await policy("--format", "json");
    const report = JSON.parse(stdout) as { diagnostics: unknown[]; results: Array<{ id: string; status: string }> };
    expect(report.diagnostics).toEqual([]);
    expect(report.results.find((result) => result.id === "no-wildcard-records")).toMatchObject({ status: "passed" });
    expect(code).toBe(0);
  });

  it("stops a policy that never returns at --policy-timeout, and exits 1 when it is mandatory", async () => {
    await writeFile(join(dir, "policies", "spin.ts"), `import { definePolicy, noParams } from "cf-gitops/policy";
export const spin = definePolicy({ id: "spin", description: "never returns", level: "mandatory", paramsSchema: noParams, checkState() { for (;;) {} } });
`);
    await writeFile(join(dir, "policies", "policy.yaml"), "policies:\n  spin: { level: mandatory }\n");
    const { code, stdout, ms } = await policy("--policy-timeout", "1.5", "--format", "json");
    const report = JSON.parse(stdout) as { diagnostics: Array<{ code: string; message: string }> };
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: "policy-timeout", message: "policy spin (policies/spin.ts) did not finish within the policy timeout (1.5 s); the policy sandbox was stopped" }));
    expect(code).toBe(1);
    expect(ms).toBeLessThan(15_000);
  });
});
