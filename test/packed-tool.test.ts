// Acceptance (issues 10 and 23): the first hour of a new user, on the packed tool, under the system's
// Node 20, with an empty npm cache. `npm pack` (which builds dist/ through `prepare`) stands in for
// the README's first line (a clone of cf-gitops and `npm pack` there); the README's next lines run
// as written: an empty folder, `git init`, `npm init -y`, `npm install` of the tarball, `init
// --zone`. Then validate, policy (the scaffolded custom policy and one without level or
// paramsSchema run), plan against the emulator; commit; a fresh clone with another empty npm cache:
// `npm ci` (the tarball is vendored), validate and plan again; and the README's daemon command,
// which prints the webhook URL GitHub must reach. It installs the whole dependency tree twice from
// the registry (about 320 packages each), so it runs when CFGITOPS_PACKED_TEST=1 (.ci/run sets it).
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docCommands } from "./support/doc-blocks.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const enabled = process.env.CFGITOPS_PACKED_TEST === "1";
const { version } = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { version: string };

/** The README's route today: clone and pack cf-gitops, then make and init the configuration repository. */
const route = docCommands("README.md", "## Use it for your own account");
/** The README's daemon, started by hand from a clone. */
const daemonCommand = docCommands("README.md", "## Use it for your own account", "To try the daemon by hand first").find((line) => line.includes("cf-gitops daemon"));

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

describe("the README's route, as the packed-tool test runs it", () => {
  it("is a clone and npm pack of cf-gitops, then an empty folder, npm init -y, npm install of the tarball, and init --zone", () => {
    expect(route[0]).toMatch(/^git clone https:\/\/github\.com\/cf-gitops\/cf-gitops\.git && \(cd cf-gitops && npm ci && npm pack\)$/);
    expect(route.slice(1)).toEqual([
      "mkdir my-cloudflare && cd my-cloudflare && git init -b main && npm init -y",
      `npm install ../cf-gitops/cf-gitops-${version}.tgz`,
      expect.stringMatching(/^npx cf-gitops init --zone \S+/),
    ]);
    expect(daemonCommand).toMatch(/npx cf-gitops daemon --repo \S+ --branch main --host 0\.0\.0\.0 --port 8080$/);
  });
});

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
    let work: string;
    let config: string;
    let clone: string;
    let env: Record<string, string>;
    const stops: Array<() => Promise<void>> = [];

    /** Stops a process started with `detached: true` and its children (npx starts node, which starts more), and waits for it. */
    function stopper(child: ReturnType<typeof spawn>): () => Promise<void> {
      return () => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise<void>((done) => child.once("exit", () => done()));
        process.kill(-child.pid!, "SIGTERM");
        return exited;
      };
    }
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

    const npx = (cwd: string, args: string[], extra: Record<string, string> = {}) => run(join(dirname(node), "npx"), ["--no-install", "cf-gitops", ...args], cwd, extra);
    const shell = (cwd: string, lines: string[], extra: Record<string, string> = {}) => run("sh", ["-ec", lines.join("\n")], cwd, extra);

    beforeAll(async () => {
      log(`system node ${node} (${systemVersion})`);
      work = await mkdtemp(join(tmpdir(), "cfg-packed-"));
      // The old Node first: npm, npx and the bin's shebang all find it before anything else. An
      // empty npm cache and a HOME of its own: nothing is reused from this machine.
      await mkdir(join(work, "home"));
      env = {
        PATH: [dirname(node), ...(process.env.PATH ?? "").split(delimiter).filter((dir) => !dir.includes("node_modules"))].join(delimiter),
        HOME: join(work, "home"),
        npm_config_cache: join(work, "npm-cache"),
        npm_config_update_notifier: "false",
        npm_config_audit: "false",
        npm_config_fund: "false",
        GIT_AUTHOR_NAME: "New User", GIT_AUTHOR_EMAIL: "new@example.org", GIT_COMMITTER_NAME: "New User", GIT_COMMITTER_EMAIL: "new@example.org",
      };
      // The README's first line, `npm pack` in a checkout: packed from a copy of this one, so the
      // build that `npm pack` runs cannot disturb the dist/ other tests' processes are running.
      const checkout = join(work, "checkout");
      for (const entry of ["package.json", "package-lock.json", "README.md", "tsconfig.json", "tsconfig.build.json", "bin", "src", "scripts", "schemas", "templates", "policies", "deploy", "docs"]) {
        await cp(join(repoRoot, entry), join(checkout, entry), { recursive: true });
      }
      await symlink(join(repoRoot, "node_modules"), join(checkout, "node_modules"), "dir");
      await mkdir(join(work, "cf-gitops"));
      const packed = await timed("npm pack", () => run(join(dirname(node), "npm"), ["pack", "--pack-destination", join(work, "cf-gitops")], checkout, { npm_config_cache: join(work, "pack-cache") }));
      expect(packed.code, packed.stderr).toBe(0);
      expect(await readdir(join(work, "cf-gitops"))).toEqual([`cf-gitops-${version}.tgz`]);
      config = join(work, "my-cloudflare");
    }, 600_000);

    afterAll(async () => {
      for (const stop of stops) await stop();
      log(`timings (s): ${JSON.stringify(timings)}`);
      if (work) await rm(work, { recursive: true, force: true });
    });

    it("walks the README's route: empty folder, npm init -y, npm install of the tarball, init --zone; then validate, policy and plan; commit; a fresh clone: npm ci, validate, plan", async () => {
      // The README's lines after the first, as written, in one shell (`cd my-cloudflare` carries over).
      const lines = route.slice(1);
      const installed = await timed("README: git init, npm init -y, npm install <tarball> (empty cache)", () => shell(work, lines.slice(0, 2)));
      expect(installed.code, installed.stderr).toBe(0);
      const init = await timed(`README: ${lines[2]}`, () => shell(config, [lines[2]!]));
      expect(init.code, init.stderr).toBe(0);
      expect(init.stdout).toContain('"type": "commonjs" is now "module"');
      expect(init.stdout).toMatch(new RegExp(`copied\\s+vendor/cf-gitops-${version.replaceAll(".", "\\.")}\\.tgz`));
      expect(init.stdout).toContain("Next steps:");
      const zones = [...lines[2]!.matchAll(/--zone (\S+)/g)].map((match) => match[1]!);

      // A zone with records, and a custom policy with neither level nor paramsSchema (issue 23).
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
          "  checkState(desired): Finding[] {",
          "    return desired.zones.flatMap((zone) => (zone.dns ?? []).filter((record) => !record.comment)",
          '      .map((record) => ({ resource: dnsRecordId(zone.zone, record), message: `${record.fqdn} ${record.type} has no comment` })));',
          "  },",
          "});",
          "",
        ].join("\n"),
      );

      async function validatePolicyPlan(dir: string, label: string, url: string): Promise<void> {
        const validate = await timed(`${label}: validate`, () => npx(dir, ["validate"]));
        expect(validate.code, validate.stdout + validate.stderr).toBe(0);
        expect(validate.stdout).toContain(`ok: ${zones.length + 1} zones`);
        const policy = await timed(`${label}: policy --format json`, () => npx(dir, ["policy", "--format", "json"]));
        expect(policy.code, policy.stdout + policy.stderr).toBe(0);
        const report = JSON.parse(policy.stdout) as { diagnostics: unknown[]; results: Array<{ id: string; origin: string; status: string; violations: number; level: string; levelFrom?: { from: string } }> };
        expect(report.diagnostics).toEqual([]);
        expect(report.results).toContainEqual(expect.objectContaining({ id: "no-wildcard-records", origin: "policies/no-wildcard-records.ts", status: "passed", levelFrom: expect.objectContaining({ from: "entry" }) }));
        expect(report.results).toContainEqual(expect.objectContaining({ id: "records-have-comments", status: "failed", violations: 3, level: "advisory", levelFrom: expect.objectContaining({ from: "default" }) }));
        const plan = await timed(`${label}: plan`, () => npx(dir, ["plan", "--format", "json"], { CLOUDFLARE_API_TOKEN: "accept", CLOUDFLARE_BASE_URL: url }));
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
        const changes = (JSON.parse(plan.stdout) as { changes: Array<{ id: string; op: string }> }).changes;
        expect(changes).toContainEqual(expect.objectContaining({ id: "accept.example/dns/@/A", op: "create" }));
        // The --zone files own nothing yet: only accept.example's records and settings change.
        expect(changes.map((change) => change.id).filter((id) => !id.startsWith("accept.example/"))).toEqual([]);
      }

      const emulator = await startEmulator(config, [...zones, "accept.example"].flatMap((zone) => ["--zone", zone]));
      await validatePolicyPlan(config, "config", emulator.url);

      // Commit (the lock file and vendor/ included, node_modules/ left out), then a fresh clone.
      const committed = await shell(config, ["git add -A", 'git commit -qm "cf-gitops configuration"', "git ls-files"]);
      expect(committed.code, committed.stderr).toBe(0);
      expect(committed.stdout.split("\n")).toEqual(expect.arrayContaining(["package-lock.json", `vendor/cf-gitops-${version}.tgz`, "policies/no-wildcard-records.ts"]));
      expect(committed.stdout).not.toContain("node_modules/");
      clone = join(work, "fresh-clone");
      execFileSync("git", ["clone", "-q", config, clone], { env });
      const ci = await timed("fresh clone: npm ci (another empty cache)", () => run(join(dirname(node), "npm"), ["ci"], clone, { npm_config_cache: join(work, "npm-cache-2") }));
      expect(ci.code, ci.stderr).toBe(0);
      await validatePolicyPlan(clone, "fresh clone", emulator.url);
    }, 900_000);

    it("runs the README's daemon command from the fresh clone, which prints the webhook URL GitHub must reach", async () => {
      expect(clone, "the walk above made the clone").toBeDefined();
      const emulator = await startEmulator(clone, []);
      const args = daemonCommand!
        .replace(/^.*?npx cf-gitops /, "")
        .replace("https://github.com/you/my-cloudflare.git", config)
        .replace("--port 8080", "--port 0")
        .split(" ");
      const child = spawn(join(dirname(node!), "npx"), ["--no-install", "cf-gitops", ...args], {
        cwd: clone, env: { ...env, CLOUDFLARE_API_TOKEN: "accept", CLOUDFLARE_BASE_URL: emulator.url, CFGITOPS_WEBHOOK_SECRET: "a-webhook-secret-for-the-test" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
      });
      const stop = stopper(child);
      stops.push(stop);
      const output = await new Promise<string>((done, fail) => {
        let stdout = "";
        const timer = setTimeout(() => fail(new Error(`no webhook line in 60 s:\n${stdout}`)), 60_000);
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/^webhook: .*\n.*\n/m.test(stdout)) {
            clearTimeout(timer);
            done(stdout);
          }
        });
        child.once("exit", (code) => fail(new Error(`the daemon exited with ${code}:\n${stdout}`)));
      });
      log(`daemon:\n${output}`);
      expect(output).toMatch(/^status page: http:\/\/127\.0\.0\.1:\d+\/$/m);
      expect(output).toMatch(/^webhook: {5}http:\/\/\S+:\d+\/webhooks\/github {2}\(add it on GitHub: push events, application\/json, the same secret\)$/m);
      expect(output).toContain("GitHub must reach that address from the internet");
      await stop();
    }, 120_000);

    it("runs on the system's old Node by re-running itself on the pinned runtime", async () => {
      expect(systemVersion).toMatch(/^v\d+\./);
      const shown = await run(node, [join(config, "node_modules/cf-gitops/bin/cf-gitops.js"), "--version"], config);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout.trim()).toBe(version);
      const help = await run(node, [join(config, "node_modules/.bin/cf-gitops"), "--help"], config);
      expect(help.stdout).toContain("init");
    });

    /** The packed CLI's own emulator, started the same way (old Node first on PATH). */
    function startEmulator(cwd: string, args: string[]): Promise<{ url: string }> {
      const child = spawn(join(dirname(node!), "npx"), ["--no-install", "cf-gitops", "emulator", "--port", "0", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      stops.push(stopper(child));
      return new Promise((done, fail) => {
        createInterface({ input: child.stdout }).once("line", (line) => done({ url: line.trim() }));
        child.once("exit", (code) => fail(new Error(`the emulator exited with ${code}`)));
      });
    }
  });
}
