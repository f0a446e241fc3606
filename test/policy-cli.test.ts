// cf-gitops policy end to end through the CLI dispatcher, on the shipped example and on temp repos.
import { cp, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "./support/captured-io.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");

async function cli(cwd: string, ...argv: string[]) {
  const { code, stdout, stderr } = await runMain(["policy", ...argv], { cwd });
  return { code, out: stdout, err: stderr };
}

async function copyOfExample(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "cfg-policy-cli-"));
  for (const part of ["desired-state", "stacks", "policies"]) await cp(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
  // The example custom policy imports ../src/...: give the copy a link to the real sources.
  await symlink(path.join(repoRoot, "src"), path.join(dir, "src"));
  return dir;
}

describe("cf-gitops policy", () => {
  it("passes on the shipped example, with every policy in the JSON report", async () => {
    const { code, out } = await cli(repoRoot, "--format", "json");
    const report = JSON.parse(out);
    expect(report.violations).toEqual([]);
    expect(report.diagnostics).toEqual([]);
    expect(report.results.length).toBeGreaterThanOrEqual(15);
    expect(report.results.find((r: { id: string }) => r.id === "no-wildcard-records")).toMatchObject({ status: "passed", origin: "policies/no-wildcard-records.ts" });
    expect(code).toBe(0);
  });

  it("blocks with exit 1 on a mandatory violation and annotates the YAML line", async () => {
    const dir = await copyOfExample();
    const zoneFile = path.join(dir, "desired-state/zones/example.net.yaml");
    const text = (await readFile(zoneFile, "utf8")).replace("\ndns:\n", "\ndns:\n  - { name: nas, type: A, content: 192.168.1.20 }\n");
    await writeFile(zoneFile, text);
    const line = text.split("\n").findIndex((l) => l.includes("192.168.1.20")) + 1;
    const { code, out } = await cli(dir, "--format", "github");
    expect(out).toContain(`::error file=desired-state/zones/example.net.yaml,line=${line},col=5,title=policy no-private-ip-in-public-dns::nas.example.net A 192.168.1.20 is a RFC 1918 private address`);
    expect(code).toBe(1);
  });

  it("an advisory violation warns and exits 0; markdown shows the table", async () => {
    const dir = await copyOfExample();
    await writeFile(path.join(dir, "desired-state/zones/example.org.yaml"), "zone: example.org\ndns:\n  - { name: \"*\", type: A, content: 203.0.113.99, proxied: true }\n  - { name: \"@\", type: CAA, data: { flags: 0, tag: issue, value: letsencrypt.org } }\n");
    const { code, out } = await cli(dir, "--format", "markdown");
    expect(out).toContain("### ⚠️ Policy check: passed with warnings");
    expect(out).toContain("| `no-wildcard-records` | advisory | ❌ failed | 1 |");
    expect(code).toBe(0);
  });

  it("reports invalid input and a bad --format clearly", async () => {
    const dir = await copyOfExample();
    await writeFile(path.join(dir, "policies/policy.yaml"), "policies:\n  max-deletion: { level: mandatory }\n");
    const bad = await cli(dir);
    expect(bad.out).toContain('policies/policy.yaml:2:3: error [policy-config-unknown-policy] unknown policy "max-deletion"');
    expect(bad.out).toContain('hint: did you mean "max-deletions"?');
    expect(bad.code).toBe(1);
    const usage = await cli(dir, "--format", "yaml");
    expect(usage.err).toContain("--format must be one of text, json, github, markdown");
    expect(usage.code).toBe(1);
  });

  it("has a --help that names the formats and exit codes", async () => {
    const { code, out } = await cli(repoRoot, "--help");
    expect(out).toMatch(/--format FORMAT/);
    expect(out).toMatch(/Exit codes: 0/);
    expect(code).toBe(0);
  });
});
