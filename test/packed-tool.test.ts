// Acceptance (issue 10): the packed tool, installed into an empty config repository with the
// system's old Node first on PATH. `npm pack` (which builds dist/ through `prepare`), `npm i
// <tarball>`, `npx cf-gitops init`, a zone file and a custom policy importing cf-gitops/policy, then
// validate, policy and plan against the emulator. It installs the whole dependency tree (about
// 320 packages: 40 s on a quiet 2-core machine, 2 minutes on a busy one), so it runs when
// CFGITOPS_PACKED_TEST=1 (.ci/run sets it).
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "..");
const enabled = process.env.CFGITOPS_PACKED_TEST === "1";

/** The first `node` on PATH that is not the pinned one in node_modules/.bin. */
function systemNode(): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  for (const dir of [...dirs, "/usr/local/bin", "/usr/bin"]) {
    try {
      const file = join(dir, "node");
      execFileSync(file, ["-e", "0"]);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const log = (line: string) => process.stdout.write(`packed-tool: ${line}\n`);

if (!enabled) {
  console.log("packed tool acceptance skipped: set CFGITOPS_PACKED_TEST=1 to run it (it installs the whole dependency tree; .ci/run sets it)");
  describe.skip("the packed tool in a config repository (skipped: set CFGITOPS_PACKED_TEST=1; .ci/run does)", () => {
    it("needs CFGITOPS_PACKED_TEST=1", () => undefined);
  });
} else {
  describe("the packed tool in a config repository", () => {
    const node = systemNode();
    if (!node) throw new Error("CFGITOPS_PACKED_TEST=1 but no system node (outside node_modules) was found on PATH");
    const systemVersion = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    // The old Node first: npm, npx and the bin's shebang all find it before anything else.
    const env = { PATH: [dirname(node), ...(process.env.PATH ?? "").split(delimiter).filter((dir) => !dir.includes("node_modules"))].join(delimiter), HOME: process.env.HOME ?? "", npm_config_update_notifier: "false" };
    let work: string;
    let config: string;
    let tarball: string;
    let emulator: { url: string; stop(): void } | undefined;
    const timings: Record<string, number> = {};

    function run(file: string, args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Result> {
      const child = spawn(file, args, { cwd, env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
    }

    async function timed(name: string, step: () => Promise<Result>): Promise<Result> {
      const started = performance.now();
      const result = await step();
      timings[name] = Math.round((performance.now() - started) / 100) / 10;
      log(`${name}: ${timings[name]} s (exit ${result.code})`);
      if (result.code !== 0) log(`${name} failed:\n${result.stdout}\n${result.stderr}`);
      return result;
    }

    const npx = (args: string[], extra: Record<string, string> = {}) => run(join(dirname(node), "npx"), ["--no-install", "cf-gitops", ...args], config, extra);

    beforeAll(async () => {
      log(`system node ${node} (${systemVersion})`);
      work = await mkdtemp(join(tmpdir(), "cfg-packed-"));
      // Packed from a copy of the checkout, so the build that `npm pack` runs cannot disturb the
      // dist/ that other tests' processes are running at the same time.
      const checkout = join(work, "checkout");
      for (const entry of ["package.json", "package-lock.json", "README.md", "tsconfig.json", "tsconfig.build.json", "bin", "src", "scripts", "schemas", "templates", "policies"]) {
        await cp(join(repoRoot, entry), join(checkout, entry), { recursive: true });
      }
      await symlink(join(repoRoot, "node_modules"), join(checkout, "node_modules"), "dir");
      const packed = await timed("npm pack", () => run(join(dirname(node), "npm"), ["pack", "--pack-destination", work], checkout));
      expect(packed.code, packed.stderr).toBe(0);
      tarball = join(work, (await readdir(work)).find((name) => name.endsWith(".tgz"))!);

      config = join(work, "my-infra");
      await mkdir(config);
      execFileSync("git", ["init", "-q"], { cwd: config });
      const installed = await timed("npm i <tarball>", () => run(join(dirname(node), "npm"), ["i", tarball, "--prefer-offline", "--no-audit", "--no-fund"], config));
      expect(installed.code, installed.stderr).toBe(0);
    }, 600_000);

    afterAll(async () => {
      emulator?.stop();
      log(`timings (s): ${JSON.stringify(timings)}`);
      if (work) await rm(work, { recursive: true, force: true });
    });

    it("runs on the system's old Node by re-running itself on the pinned runtime", async () => {
      expect(systemVersion).toMatch(/^v\d+\./);
      const version = await run(node, [join(config, "node_modules/cf-gitops/bin/cf-gitops.js"), "--version"], config);
      expect(version.code, version.stderr).toBe(0);
      expect(version.stdout.trim()).toBe("0.1.0");
      const help = await run(node, [join(config, "node_modules/.bin/cf-gitops"), "--help"], config);
      expect(help.stdout).toContain("init");
    });

    it("init, a zone and a custom policy; validate, policy and plan against the emulator all pass", async () => {
      const init = await timed("npx cf-gitops init", () => npx(["init"]));
      expect(init.code, init.stderr).toBe(0);
      expect(init.stdout).toContain("Next steps:");
      await writeFile(
        join(config, "desired-state/zones/accept.example.yaml"),
        [
          "# yaml-language-server: $schema=../../node_modules/cf-gitops/schemas/zone.schema.json",
          "zone: accept.example",
          "settings: { ssl: strict, always_use_https: on, min_tls_version: \"1.2\" }",
          "dns:",
          '  - { name: "@", type: A, content: 203.0.113.7, proxied: true }',
          "  - { name: www, type: CNAME, content: accept.example, proxied: true }",
          '  - { name: "@", type: CAA, data: { flags: 0, tag: issue, value: letsencrypt.org } }',
          "",
        ].join("\n"),
      );
      await writeFile(
        join(config, "policies/records-have-comments.ts"),
        [
          'import { definePolicy, dnsRecordId, type Finding } from "cf-gitops/policy";',
          "",
          "export const policy = definePolicy({",
          '  id: "records-have-comments",',
          '  description: "every DNS record says what it is for",',
          '  level: "advisory",',
          '  paramsSchema: { type: "object", properties: {}, additionalProperties: false },',
          "  checkState(desired): Finding[] {",
          "    return desired.zones.flatMap((zone) => (zone.dns ?? []).filter((record) => !record.comment)",
          '      .map((record) => ({ resource: dnsRecordId(zone.zone, record), message: `${record.fqdn} ${record.type} has no comment` })));',
          "  },",
          "});",
          "",
        ].join("\n"),
      );

      const validate = await timed("npx cf-gitops validate", () => npx(["validate"]));
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
      expect(validate.stdout).toContain("ok: 2 zones");

      const policy = await timed("npx cf-gitops policy --format json", () => npx(["policy", "--format", "json"]));
      expect(policy.code, policy.stdout + policy.stderr).toBe(0);
      const report = JSON.parse(policy.stdout) as { blocked: boolean; diagnostics: unknown[]; results: Array<{ id: string; origin: string; status: string; violations: number }> };
      expect(report.diagnostics).toEqual([]);
      expect(report.results).toContainEqual(expect.objectContaining({ id: "records-have-comments", origin: "policies/records-have-comments.ts", status: "failed", violations: 8 }));
      expect(report.results).toContainEqual(expect.objectContaining({ id: "no-wildcard-records", origin: "policies/no-wildcard-records.ts", status: "passed" }));

      const started = await startEmulator(["--zone", "example.com", "--zone", "accept.example"]);
      emulator = started;
      const plan = await timed("npx cf-gitops plan", () => npx(["plan", "--format", "json"], { CLOUDFLARE_API_TOKEN: "accept", CLOUDFLARE_BASE_URL: started.url }));
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      const changes = (JSON.parse(plan.stdout) as { changes: Array<{ id: string; op: string }> }).changes;
      expect(changes).toContainEqual(expect.objectContaining({ id: "accept.example/dns/@/A", op: "create" }));
      expect(changes.filter((change) => change.id.startsWith("example.com/dns/")).length).toBe(6);
    });

    /** The packed CLI's own emulator, started the same way (old Node first on PATH). */
    function startEmulator(args: string[]): Promise<{ url: string; stop(): void }> {
      const child = spawn(join(dirname(node!), "npx"), ["--no-install", "cf-gitops", "emulator", "--port", "0", ...args], { cwd: config, env, stdio: ["ignore", "pipe", "pipe"] });
      return new Promise((done, fail) => {
        createInterface({ input: child.stdout }).once("line", (line) => done({ url: line.trim(), stop: () => child.kill("SIGTERM") }));
        child.once("exit", (code) => fail(new Error(`the emulator exited with ${code}`)));
      });
    }
  });
}
