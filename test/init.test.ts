// `cf-gitops init`: what it writes passes validate and policy, refuses to overwrite (and then writes
// nothing), merges package.json and .gitignore, and `--import` writes zone files a plan agrees with.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, sdk, token } from "./native-support.ts";
import { runMain } from "./support/captured-io.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const { version, allowScripts } = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { version: string; allowScripts: Record<string, boolean> };
const dirs: string[] = [];

async function emptyRepo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cfg-init-"));
  dirs.push(dir);
  await mkdir(join(dir, ".git"));
  return dir;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === ".git") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, base)));
    else out.push(relative(base, path));
  }
  return out.sort();
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(join(dir, file), "utf8")] as const)));
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runMain(args, { cwd, env: { PATH: process.env.PATH ?? "", ...env } });

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("cf-gitops init", () => {
  it("writes a configuration that validates and passes the policies, custom policy included", async () => {
    const dir = await emptyRepo();
    const result = await cli(["init"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(dir)).toEqual([
      ".github/workflows/drift.yml",
      ".github/workflows/preview.yml",
      ".gitignore",
      "desired-state/zones/example.com.yaml",
      "package.json",
      "policies/no-wildcard-records.ts",
      "policies/policy.yaml",
      "stacks/default.yaml",
    ]);
    expect(result.stdout).toContain("Next steps:");
    expect(result.stdout).toMatch(/created\s+policies\/policy\.yaml/);
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toMatchObject({ type: "module", dependencies: { "cf-gitops": `^${version}` }, allowScripts: { node: true } });
    expect(await readFile(join(dir, "policies/no-wildcard-records.ts"), "utf8")).toContain('from "cf-gitops/policy"');
    // No channel is on that needs a secret the daemon does not have yet (it would warn at every start).
    expect((parse(await readFile(join(dir, "stacks/default.yaml"), "utf8")) as { notify: Record<string, unknown> }).notify).not.toHaveProperty("slack_webhook_env");

    const validate = await cli(["validate", "--format", "json"], dir);
    expect(validate.code, validate.stdout).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, errors: 0, warnings: 0 });
    const policy = await cli(["policy", "--format", "json"], dir);
    expect(policy.code, policy.stdout).toBe(0);
    const report = JSON.parse(policy.stdout) as { blocked: boolean; diagnostics: unknown[]; results: Array<{ id: string; origin: string; level: string }> };
    expect(report).toMatchObject({ blocked: false, diagnostics: [] });
    expect(report.results).toContainEqual(expect.objectContaining({ id: "no-wildcard-records", origin: "policies/no-wildcard-records.ts", level: "advisory" }));
  });

  it("lists every built-in policy at its default level in policies/policy.yaml (service-behind-access: mandatory)", async () => {
    const dir = await emptyRepo();
    await cli(["init"], dir);
    const config = parse(await readFile(join(dir, "policies/policy.yaml"), "utf8")) as { policies: Record<string, { level: string }> };
    const { builtinPolicies } = await import("../src/policy/registry.ts");
    // a new repository gets the Access gate as mandatory; its default stays advisory for repositories written before it
    const scaffold: Record<string, string> = { "service-behind-access": "mandatory" };
    for (const policy of builtinPolicies) expect(config.policies[policy.id], policy.id).toEqual({ level: scaffold[policy.id] ?? policy.level });
  });

  it("points every $schema comment at a schema the package ships", async () => {
    const dir = await emptyRepo();
    await cli(["init"], dir);
    const yamlFiles = (await listFiles(dir)).filter((file) => file.endsWith(".yaml") && !file.startsWith(".github"));
    expect(yamlFiles.length).toBe(3);
    for (const file of yamlFiles) {
      const ref = /\$schema=(\S+)/.exec(await readFile(join(dir, file), "utf8"))?.[1];
      expect(ref, file).toBeDefined();
      const target = relative(join(dir, "node_modules", "cf-gitops"), resolve(dirname(join(dir, file)), ref!));
      expect(target, file).toMatch(/^schemas\/\w+\.schema\.json$/);
      expect(existsSync(join(repoRoot, target)), `${file} -> ${target}`).toBe(true);
    }
  });

  it("refuses to overwrite, lists the files and writes nothing; --force overwrites, keeping a copy of what git does not have", async () => {
    const dir = await emptyRepo();
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "mine", scripts: { x: "y" } }));
    await mkdir(join(dir, "policies"));
    await writeFile(join(dir, "policies/policy.yaml"), "default: mandatory\n");
    await writeFile(join(dir, ".gitignore"), "dist/\n");
    const before = await snapshot(dir);
    const refused = await cli(["init"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("1 file(s) already exist in .:\n  policies/policy.yaml");
    expect(refused.stderr).toContain("pass --force");
    expect(refused.stderr).toContain("a file with changes not committed is copied to .cf-gitops/overwritten/ first");
    expect(await snapshot(dir)).toEqual(before);

    const forced = await cli(["init", "--force"], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/overwrote\s+policies\/policy\.yaml/);
    expect(forced.stdout).toMatch(/updated\s+package\.json/);
    // Never committed (this is not even a git checkout): the old file is kept, and init says where.
    const copy = /policies\/policy\.yaml had changes git does not have; the old file is kept at (\S+)/.exec(forced.stdout)?.[1];
    expect(copy, forced.stdout).toMatch(/^\.cf-gitops\/overwritten\/[\dT-]+Z\/policies\/policy\.yaml$/);
    expect(await readFile(join(dir, copy!), "utf8")).toBe("default: mandatory\n");
    expect(await readFile(join(dir, "policies/policy.yaml"), "utf8")).toContain("no-wildcard-records: { level: advisory }");
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toEqual({ name: "mine", scripts: { x: "y" }, private: true, type: "module", dependencies: { "cf-gitops": `^${version}` }, allowScripts });
    expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe("dist/\n# cf-gitops\nnode_modules/\n.cf-gitops/\n*.log\n");
  });

  it("--force keeps no copy of a committed file, and keeps one of a file edited since", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cfg-init-git-"));
    dirs.push(dir);
    git(dir, "init", "-q");
    expect((await cli(["init", "--zone", "example.org"], dir)).code).toBe(0);
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init");
    await writeFile(join(dir, "stacks/default.yaml"), "engine: native\n# my edit\n");
    const forced = await cli(["init", "--zone", "example.org", "--force"], dir);
    expect(forced.code, forced.stderr).toBe(0);
    const kept = [...forced.stdout.matchAll(/(\S+) had changes git does not have; the old file is kept at (\S+)/g)];
    expect(kept.map((match) => match[1])).toEqual(["stacks/default.yaml"]);
    expect(await readFile(join(dir, kept[0]![2]!), "utf8")).toBe("engine: native\n# my edit\n");
  });

  it("in a configuration repository, --zone adds that zone's file and keeps every file there", async () => {
    const dir = await emptyRepo();
    expect((await cli(["init", "--zone", "example.org"], dir)).code).toBe(0);
    await writeFile(join(dir, "stacks/default.yaml"), "engine: native\n# edited\n");
    const before = await snapshot(dir);
    const added = await cli(["init", "--zone", "example.net"], dir);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/created\s+desired-state\/zones\/example\.net\.yaml/);
    expect(added.stdout).toMatch(/kept\s+stacks\/default\.yaml/);
    const after = await snapshot(dir);
    expect(Object.keys(after).filter((file) => !(file in before))).toEqual(["desired-state/zones/example.net.yaml"]);
    for (const [file, text] of Object.entries(before)) expect(after[file], file).toBe(text);
    expect((await cli(["init"], dir)).stdout).not.toContain("example.com");
  });

  it("keeps a cf-gitops dependency that a fresh clone can install (a git URL)", async () => {
    const dir = await emptyRepo();
    await writeFile(join(dir, "package.json"), `${JSON.stringify({ dependencies: { "cf-gitops": "github:cf-gitops/cf-gitops#v0.1.0" } }, null, 2)}\n`);
    const result = await cli(["init", "--zone", "example.org"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8")).dependencies).toEqual({ "cf-gitops": "github:cf-gitops/cf-gitops#v0.1.0" });
  });

  it("copies a tarball installed from outside the repository into vendor/ and points package.json and the lock file at it", async () => {
    const parent = await emptyRepo();
    const dir = join(parent, "my-cloudflare");
    await mkdir(join(dir, ".git"), { recursive: true });
    await writeFile(join(parent, "cf-gitops-0.1.0.tgz"), "tarball bytes");
    const spec = "file:../cf-gitops-0.1.0.tgz";
    await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "my-cloudflare", type: "commonjs", dependencies: { "cf-gitops": spec } }, null, 2)}\n`);
    const lock = { name: "my-cloudflare", lockfileVersion: 3, requires: true, packages: { "": { name: "my-cloudflare", dependencies: { "cf-gitops": spec } }, "node_modules/cf-gitops": { version: "0.1.0", resolved: spec, integrity: "sha512-x" } } };
    await writeFile(join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
    const result = await cli(["init", "--zone", "example.org"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(dir, "vendor/cf-gitops-0.1.0.tgz"), "utf8")).toBe("tarball bytes");
    expect(result.stdout).toMatch(/copied\s+vendor\/cf-gitops-0\.1\.0\.tgz\n\s+from \.\.\/cf-gitops-0\.1\.0\.tgz, outside this repository: package\.json and package-lock\.json now install file:vendor\/cf-gitops-0\.1\.0\.tgz/);
    expect(result.stdout).toContain('"type": "commonjs" is now "module"');
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toMatchObject({ type: "module", dependencies: { "cf-gitops": "file:vendor/cf-gitops-0.1.0.tgz" } });
    const written = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8")) as typeof lock;
    expect(written.packages[""].dependencies["cf-gitops"]).toBe("file:vendor/cf-gitops-0.1.0.tgz");
    expect(written.packages["node_modules/cf-gitops"]).toEqual({ version: "0.1.0", resolved: "file:vendor/cf-gitops-0.1.0.tgz", integrity: "sha512-x" });
    // Run again: the copy is there and the same, so nothing is copied twice.
    expect((await cli(["init", "--zone", "example.org"], dir)).stdout).not.toContain("copied");
  });

  it("warns when cf-gitops comes from a folder outside the repository (a fresh clone cannot install it)", async () => {
    const parent = await emptyRepo();
    const dir = join(parent, "cfg");
    await mkdir(join(dir, ".git"), { recursive: true });
    await mkdir(join(parent, "cf-gitops"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ dependencies: { "cf-gitops": "file:../cf-gitops" } }));
    const result = await cli(["init", "--zone", "example.org"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: package.json installs cf-gitops from the folder file:../cf-gitops, outside this repository");
    expect(existsSync(join(dir, "vendor"))).toBe(false);
  });

  it("a repository started with npm init -y (\"type\": \"commonjs\"): init makes it a module and says so, and the example policy loads in a real process", async () => {
    const dir = await emptyRepo();
    const npmInit = { name: "cfg", version: "1.0.0", description: "", main: "index.js", scripts: { test: "echo \"Error: no test specified\" && exit 1" }, keywords: [], author: "", license: "ISC", type: "commonjs" };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(npmInit, null, 2)}\n`);
    const result = await cli(["init", "--zone", "example.org"], dir);
    expect(result.stdout).toMatch(/updated\s+package\.json\n\s+"type": "commonjs" is now "module": custom policies \(policies\/\*\.ts\) are ES modules/);
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toMatchObject({ type: "module", main: "index.js" });
    // vitest's own loader ignores package.json's type: the CLI runs as users run it.
    const policy = spawnSync(join(repoRoot, "node_modules/.bin/node"), [join(repoRoot, "bin/cf-gitops.js"), "policy", "--format", "json"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: dir } });
    expect(policy.status, policy.stdout + policy.stderr).toBe(0);
    expect((JSON.parse(policy.stdout) as { results: Array<{ id: string; status: string }> }).results).toContainEqual(expect.objectContaining({ id: "no-wildcard-records", status: "passed" }));
  });

  it("--zone writes one zone file per zone that owns nothing yet, into DIR", async () => {
    const parent = await emptyRepo();
    const result = await cli(["init", "infra", "--zone", "Example.org.", "--zone", "example.net"], parent);
    expect(result.code, result.stderr).toBe(0);
    const dir = join(parent, "infra");
    expect(result.stdout).toContain("1. cd infra");
    expect((await listFiles(dir)).filter((file) => file.startsWith("desired-state"))).toEqual(["desired-state/zones/example.net.yaml", "desired-state/zones/example.org.yaml"]);
    const zone = parse(await readFile(join(dir, "desired-state/zones/example.org.yaml"), "utf8")) as Record<string, unknown>;
    expect(zone).toEqual({ zone: "example.org" });
    expect(JSON.parse((await cli(["validate", "--format", "json"], dir)).stdout)).toMatchObject({ valid: true, warnings: 0 });
  });

  it("writes this repository's preview and drift workflows, watching package.json instead of Pulumi.yaml", async () => {
    for (const name of ["preview.yml", "drift.yml"]) {
      const product = parse(await readFile(join(repoRoot, ".github/workflows", name), "utf8")) as { on: { pull_request?: { paths: string[] } } };
      const template = parse(await readFile(join(repoRoot, "templates/init/workflows", name), "utf8")) as typeof product;
      if (product.on.pull_request) {
        expect(template.on.pull_request!.paths).toEqual([...product.on.pull_request.paths.filter((path) => path !== "Pulumi.yaml"), "package.json", "package-lock.json"]);
        product.on.pull_request.paths = template.on.pull_request!.paths;
      }
      expect(template, name).toEqual(product);
    }
  });

  it("commands run from a subfolder find the repository's root, and say to run from it when there is none", async () => {
    const dir = await emptyRepo();
    expect((await cli(["init", "--zone", "example.org"], dir)).code).toBe(0);
    const inside = await cli(["validate"], join(dir, "desired-state/zones"));
    expect(inside.code, inside.stdout + inside.stderr).toBe(0);
    expect(inside.stderr).toBe("cf-gitops: using the configuration repository at ../..\n");
    expect(inside.stdout).toContain("ok: 1 zones");
    expect((await cli(["policy"], join(dir, "policies"))).code).toBe(0);
    const elsewhere = await emptyRepo();
    const lost = await cli(["plan"], elsewhere);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain("run this from your configuration repository's root (npx cf-gitops init creates one)");
  });

  it("rejects a bad zone name and writes nothing", async () => {
    const dir = await emptyRepo();
    const result = await cli(["init", "--zone", "not a zone"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a zone name: not a zone');
    expect(await listFiles(dir)).toEqual([]);
  });

  describe("--import", () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await emulatorWith(["live.example", "other.example"]);
      const client = sdk(emulator);
      const zoneId = (await client.zones.list({ name: "live.example" })).result[0]!.id;
      await client.dns.records.create({ zone_id: zoneId, name: "www.live.example", type: "A", content: "192.0.2.10", proxied: true, ttl: 1 });
      await client.dns.records.create({ zone_id: zoneId, name: "live.example", type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" }, ttl: 1 });
      const list = await client.rules.lists.create({ account_id: emulator.accountId, name: "office_ips", kind: "ip", description: "Office" });
      await client.rules.lists.items.create(list.id!, { account_id: emulator.accountId, body: [{ ip: "192.0.2.0/24", comment: "HQ" }] });
    });
    afterAll(async () => {
      await emulator.close();
    });
    const env = () => ({ CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_BASE_URL: emulator.baseUrl });

    it("writes the zone files from the live account, and a plan right after changes nothing", async () => {
      const dir = await emptyRepo();
      const result = await cli(["init", "--import", "--zone", "live.example"], dir, env());
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/imported\s+desired-state\/zones\/live\.example\.yaml\s+\(2 DNS record/);
      const text = await readFile(join(dir, "desired-state/zones/live.example.yaml"), "utf8");
      expect(text).toContain("$schema=../../node_modules/cf-gitops/schemas/zone.schema.json");
      expect(text).toContain("192.0.2.10");
      expect(existsSync(join(dir, "desired-state/zones/example.com.yaml"))).toBe(false);
      expect(result.stdout).toMatch(/imported\s+desired-state\/lists\/office_ips\.yaml/);
      const list = await readFile(join(dir, "desired-state/lists/office_ips.yaml"), "utf8");
      expect(list).toContain("$schema=../../node_modules/cf-gitops/schemas/list.schema.json");
      expect(list).toContain("192.0.2.0/24");
      const plan = await cli(["plan", "--detailed-exitcode"], dir, env());
      expect(plan.code, `${plan.stdout}${plan.stderr}`).toBe(0);
    });

    it("without --zone imports every zone the token sees", async () => {
      const dir = await emptyRepo();
      expect((await cli(["init", "--import"], dir, env())).code).toBe(0);
      expect(await readdir(join(dir, "desired-state/zones"))).toEqual(["live.example.yaml", "other.example.yaml"]);
    });

    it("needs a token, a zone the account has, and writes nothing otherwise", async () => {
      const dir = await emptyRepo();
      const noToken = await cli(["init", "--import"], dir);
      expect(noToken.code).toBe(1);
      expect(noToken.stderr).toContain("--import reads the live account and needs CLOUDFLARE_API_TOKEN");
      const missing = await cli(["init", "--import", "--zone", "absent.example"], dir, env());
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("not in the Cloudflare account: absent.example");
      expect(await listFiles(dir)).toEqual([]);
    });
  });
});
