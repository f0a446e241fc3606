// deploy/install.sh against a temporary root (--root): a dry run changes nothing; a real install
// clones the configuration repository and runs npm ci there, so the daemon's unit runs the cf-gitops
// that the repository's package-lock.json pins; a second run changes nothing and keeps the secrets; a
// commit that pins another version is what the next run installs (one deployment story, ADR 29);
// --uninstall removes the service and keeps the data. cf-gitops here is a stub package vendored in a
// stub configuration repository, so this checks the installer, not the packed tool.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTar } from "./support/ustar.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const script = join(repoRoot, "deploy", "install.sh");
const templates = join(repoRoot, "docs", "deploy");
const units = ["cf-gitops.service", "cf-gitops-backup.service", "cf-gitops-backup.timer"];
let dir: string;
let root: string;
let upstream: string;
let work: string;

const env = () => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: dir,
  npm_config_cache: join(dir, "npm-cache"),
  npm_config_offline: "true", // the stub has no dependencies: nothing to fetch
  npm_config_update_notifier: "false",
  GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org",
});

function install(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync("sh", [script, ...args], { encoding: "utf8", env: env() });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function sh(cwd: string, command: string, ...args: string[]): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: env() });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

function mode(path: string): string {
  return (statSync(join(root, path)).mode & 0o777).toString(8);
}

function files(path: string): string[] {
  return existsSync(path) ? readdirSync(path, { recursive: true, encoding: "utf8" }).sort() : [];
}

/** A stub cf-gitops tarball whose bin prints its version. */
function stubTarball(version: string): Buffer {
  const packageJson = JSON.stringify({ name: "cf-gitops", version, bin: { "cf-gitops": "cli.js" } });
  return gzipSync(writeTar([
    { path: "package/package.json", data: Buffer.from(packageJson), mode: 0o644 },
    { path: "package/cli.js", data: Buffer.from(`#!/bin/sh\necho ${version}\n`), mode: 0o755 },
  ]));
}

/** Pins `version` in the configuration repository (vendored, as init does for a tarball) and pushes it. */
function pin(version: string): void {
  rmSync(join(work, "vendor"), { recursive: true, force: true });
  mkdirSync(join(work, "vendor"));
  writeFileSync(join(work, `vendor/cf-gitops-${version}.tgz`), stubTarball(version));
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "my-cloudflare", private: true, type: "module", dependencies: { "cf-gitops": `file:vendor/cf-gitops-${version}.tgz` } }, null, 2));
  rmSync(join(work, "package-lock.json"), { force: true });
  sh(work, "npm", "install", "--package-lock-only", "--no-audit", "--no-fund");
  sh(work, "git", "add", "-A");
  sh(work, "git", "commit", "-qm", `cf-gitops ${version}`);
  sh(work, "git", "push", "-q", "origin", "HEAD:main");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-install-"));
  root = join(dir, "root");
  mkdirSync(root);
  upstream = join(dir, "my-cloudflare.git");
  work = join(dir, "work");
  sh(dir, "git", "init", "-q", "--bare", "-b", "main", upstream);
  sh(dir, "git", "clone", "-q", upstream, work);
  sh(work, "git", "checkout", "-q", "-b", "main");
  pin("9.9.9-stub");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("deploy/install.sh", () => {
  it("--dry-run prints every step and changes nothing", () => {
    const { code, out } = install("--dry-run", "--root", root, "--repo", upstream);
    expect(out).toContain("dry run: nothing is changed");
    expect(code).toBe(0);
    expect(out).toContain(`would run: git clone --quiet --branch main ${upstream} ${root}/opt/cf-gitops`);
    expect(out).toContain(`would run: npm ci --prefix ${root}/opt/cf-gitops --omit=dev --no-audit --no-fund --loglevel=error`);
    for (const unit of units) expect(out).toContain(`would write: /etc/systemd/system/${unit} (mode 0644)`);
    expect(out).toContain("would write: /etc/cf-gitops/env (mode 0600)");
    expect(out).toMatch(/skipped: useradd --system .* cf-gitops \(installing under --root /);
    expect(out).toContain("skipped: systemctl enable --now cf-gitops-backup.timer (installing under --root");
    expect(files(root)).toEqual([]);
  });

  it("clones the configuration repository and installs the cf-gitops its lock file pins, with units, data and a 0600 environment file", () => {
    const { code, out } = install("--root", root, "--repo", upstream, "--keep-backups", "7");
    expect(out).toContain("installed: cf-gitops 9.9.9-stub (pinned by /opt/cf-gitops/package-lock.json)");
    expect(code).toBe(0);
    expect(sh(join(root, "opt/cf-gitops"), "git", "log", "-1", "--format=%s")).toBe("cf-gitops 9.9.9-stub\n");
    expect(spawnSync(join(root, "opt/cf-gitops/node_modules/.bin/cf-gitops"), { encoding: "utf8" }).stdout).toBe("9.9.9-stub\n");
    // The environment file names the repository and branch the daemon tracks; the secrets are empty.
    const expected = readFileSync(join(templates, "env.example"), "utf8").replace(/^CFGITOPS_REPO=.*$/m, `CFGITOPS_REPO=${upstream}`);
    expect(readFileSync(join(root, "etc/cf-gitops/env"), "utf8")).toBe(expected);
    expect([mode("etc/cf-gitops/env"), mode("var/lib/cf-gitops"), mode("var/backups/cf-gitops")]).toEqual(["600", "750", "750"]);
    const service = readFileSync(join(root, "etc/systemd/system/cf-gitops.service"), "utf8");
    expect(service).toBe(readFileSync(join(templates, "cf-gitops.service"), "utf8")); // default paths: the unit as shipped
    expect(service).toContain("KillMode=mixed");
    expect(service).toMatch(/^WorkingDirectory=\/opt\/cf-gitops$/m);
    expect(service).toMatch(/^ExecStart=\/opt\/cf-gitops\/node_modules\/\.bin\/cf-gitops daemon --repo \$\{CFGITOPS_REPO\} --branch \$\{CFGITOPS_BRANCH\} .*--host 0\.0\.0\.0/m);
    const backup = readFileSync(join(root, "etc/systemd/system/cf-gitops-backup.service"), "utf8");
    expect(backup).toMatch(/^ExecStart=\/opt\/cf-gitops\/node_modules\/\.bin\/cf-gitops backup --data-dir \/var\/lib\/cf-gitops --out \/var\/backups\/cf-gitops\/ --keep 7$/m);
    expect(out).toContain("skipped: systemctl daemon-reload (installing under --root");
    expect(out).toContain("Next: fill in /etc/cf-gitops/env");
  });

  it("is idempotent: a second run changes no unit and keeps the secrets", () => {
    const envFile = join(root, "etc/cf-gitops/env");
    writeFileSync(envFile, `${readFileSync(envFile, "utf8")}CLOUDFLARE_API_TOKEN=kept-secret\n`, { mode: 0o644 });
    const { code, out } = install("--root", root, "--keep-backups", "7");
    expect(code, out).toBe(0);
    for (const unit of units) expect(out).toContain(`unchanged: /etc/systemd/system/${unit}`);
    expect(out).toContain("kept: /etc/cf-gitops/env");
    expect(readFileSync(envFile, "utf8")).toContain("CLOUDFLARE_API_TOKEN=kept-secret");
    expect(mode("etc/cf-gitops/env")).toBe("600"); // repaired
    expect(out).toContain("skipped: systemctl restart cf-gitops.service (installing under --root");
  });

  it("upgrades to the version a new commit pins: the lock file decides what the daemon runs", () => {
    pin("9.9.10-stub");
    const { code, out } = install("--root", root, "--keep-backups", "7");
    expect(code, out).toBe(0);
    expect(out).toContain("at: ");
    expect(out).toContain("installed: cf-gitops 9.9.10-stub (pinned by /opt/cf-gitops/package-lock.json)");
    expect(spawnSync(join(root, "opt/cf-gitops/node_modules/.bin/cf-gitops"), { encoding: "utf8" }).stdout).toBe("9.9.10-stub\n");
  });

  it("writes a custom prefix, user and backup directory into the units", () => {
    const other = join(dir, "other");
    mkdirSync(other);
    const { code, out } = install("--root", other, "--repo", upstream, "--prefix", "/srv/cfg", "--user", "infra", "--backup-dir", "/mnt/nas/cfg");
    expect(code, out).toBe(0);
    const backup = readFileSync(join(other, "etc/systemd/system/cf-gitops-backup.service"), "utf8");
    expect(backup).toContain("ExecStart=/srv/cfg/node_modules/.bin/cf-gitops backup --data-dir /var/lib/cf-gitops --out /mnt/nas/cfg/ --keep 14");
    expect(backup).toContain("ReadWritePaths=/mnt/nas/cfg\n");
    expect(backup).toMatch(/^User=infra\nGroup=infra$/m);
    expect(readFileSync(join(other, "etc/systemd/system/cf-gitops.service"), "utf8")).toMatch(/^WorkingDirectory=\/srv\/cfg$/m);
    expect(existsSync(join(other, "srv/cfg/node_modules/.bin/cf-gitops"))).toBe(true);
  });

  it("--uninstall removes the service and the clone, and keeps data, backups and secrets", () => {
    writeFileSync(join(root, "var/lib/cf-gitops/history.sqlite"), "data");
    writeFileSync(join(root, "var/backups/cf-gitops/cf-gitops-backup-20250101T000000Z.tar.gz"), "backup");
    const { code, out } = install("--root", root, "--uninstall");
    expect(code).toBe(0);
    for (const unit of units) expect(existsSync(join(root, "etc/systemd/system", unit))).toBe(false);
    expect(existsSync(join(root, "opt/cf-gitops"))).toBe(false);
    expect(readFileSync(join(root, "var/lib/cf-gitops/history.sqlite"), "utf8")).toBe("data");
    expect(files(join(root, "var/backups/cf-gitops"))).toEqual(["cf-gitops-backup-20250101T000000Z.tar.gz"]);
    expect(readFileSync(join(root, "etc/cf-gitops/env"), "utf8")).toContain("kept-secret");
    expect(out).toContain("skipped: systemctl disable --now cf-gitops.service cf-gitops-backup.timer (installing under --root");
    expect(install("--root", root, "--uninstall").out).toContain("absent: /opt/cf-gitops");
  });

  it("refuses bad options, a missing --repo and an old install's prefix with a message, changing nothing", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    expect(install("--root", empty, "--keep-backups", "0")).toEqual({ code: 1, out: "install.sh: --keep-backups must be a whole number of at least 1, got: 0\n" });
    expect(install("--root", empty, "--prefix", "relative/path").out).toBe("install.sh: --prefix must be an absolute path, got: relative/path\n");
    expect(install("--root", empty, "--branch", "-x").out).toBe("install.sh: --branch must be a branch name, got: -x\n");
    const unknown = install("--root", empty, "--frobnicate");
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("install.sh: unknown option: --frobnicate");
    expect(files(empty)).toEqual([]);
    const noRepo = install("--root", empty);
    expect(noRepo.code).toBe(1);
    expect(noRepo.out).toContain("install.sh: --repo is needed: the URL of your configuration repository");
    const old = join(dir, "old");
    mkdirSync(join(old, "opt/cf-gitops/node_modules"), { recursive: true });
    const refused = install("--root", old, "--repo", upstream);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("install.sh: /opt/cf-gitops exists and is not a git clone (an install by an older install.sh?)");
  });

  it("passes shellcheck when it is installed", (context) => {
    const shellcheck = process.env.CFGITOPS_SHELLCHECK ?? "shellcheck";
    const result = spawnSync(shellcheck, [script, join(repoRoot, ".ci/run")], { encoding: "utf8" });
    if (result.error) {
      const reason = "shellcheck is not on PATH (Debian: apt-get install shellcheck)";
      console.log(`shellcheck skipped: ${reason}`);
      context.skip(reason);
    }
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.status).toBe(0);
  });
});
