// deploy/install.sh against a temporary root (--root): a dry run changes nothing, a real install lays
// out the tool, units, data and secrets, a second run changes nothing and keeps the secrets, and
// --uninstall removes the service and keeps the data. The tool is a stub package built here, so
// this checks the installer, not the packed tool.
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
let tarball: string;

function install(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync("sh", [script, ...args], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      npm_config_cache: join(dir, "npm-cache"),
      npm_config_offline: "true", // the stub has no dependencies: nothing to fetch
      npm_config_update_notifier: "false",
    },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function mode(path: string): string {
  return (statSync(join(root, path)).mode & 0o777).toString(8);
}

function files(path: string): string[] {
  return existsSync(path) ? readdirSync(path, { recursive: true, encoding: "utf8" }).sort() : [];
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-install-"));
  root = join(dir, "root");
  mkdirSync(root);
  const packageJson = JSON.stringify({ name: "cf-gitops", version: "9.9.9-stub", bin: { "cf-gitops": "cli.js" } });
  tarball = join(dir, "cf-gitops-9.9.9-stub.tgz");
  writeFileSync(tarball, gzipSync(writeTar([
    { path: "package/package.json", data: Buffer.from(packageJson), mode: 0o644 },
    { path: "package/cli.js", data: Buffer.from("#!/bin/sh\necho 9.9.9-stub\n"), mode: 0o755 },
  ])));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("deploy/install.sh", () => {
  it("--dry-run prints every step and changes nothing", () => {
    const { code, out } = install("--dry-run", "--root", root, "--package", tarball);
    expect(out).toContain("dry run: nothing is changed");
    expect(code).toBe(0);
    expect(out).toContain(`would run: npm install --prefix ${root}/opt/cf-gitops --omit=dev --no-audit --no-fund --loglevel=error ${tarball}`);
    for (const unit of units) expect(out).toContain(`would write: /etc/systemd/system/${unit} (mode 0644)`);
    expect(out).toContain("would write: /etc/cf-gitops/env (mode 0600)");
    expect(out).toMatch(/skipped: useradd --system .* cf-gitops \(installing under --root /);
    expect(out).toContain("skipped: systemctl enable --now cf-gitops-backup.timer (installing under --root");
    expect(files(root)).toEqual([]);
  });

  it("installs the tool, units, data directory and a 0600 environment file under --root", () => {
    const { code, out } = install("--root", root, "--package", tarball, "--keep-backups", "7");
    expect(out).toContain("installed: cf-gitops 9.9.9-stub");
    expect(code).toBe(0);
    expect(spawnSync(join(root, "opt/cf-gitops/node_modules/.bin/cf-gitops"), { encoding: "utf8" }).stdout).toBe("9.9.9-stub\n");
    expect(readFileSync(join(root, "etc/cf-gitops/env"), "utf8")).toBe(readFileSync(join(templates, "env.example"), "utf8"));
    expect([mode("etc/cf-gitops/env"), mode("var/lib/cf-gitops"), mode("var/backups/cf-gitops")]).toEqual(["600", "750", "750"]);
    const service = readFileSync(join(root, "etc/systemd/system/cf-gitops.service"), "utf8");
    expect(service).toBe(readFileSync(join(templates, "cf-gitops.service"), "utf8")); // default paths: the unit as shipped
    expect(service).toContain("KillMode=mixed");
    const backup = readFileSync(join(root, "etc/systemd/system/cf-gitops-backup.service"), "utf8");
    expect(backup).toMatch(/^ExecStart=\/opt\/cf-gitops\/node_modules\/\.bin\/cf-gitops backup --data-dir \/var\/lib\/cf-gitops --out \/var\/backups\/cf-gitops\/ --keep 7$/m);
    expect(out).toContain("skipped: systemctl daemon-reload (installing under --root");
    expect(out).toContain("Next: fill in /etc/cf-gitops/env");
  });

  it("is idempotent: a second run changes no unit and keeps the secrets", () => {
    const envFile = join(root, "etc/cf-gitops/env");
    writeFileSync(envFile, `${readFileSync(envFile, "utf8")}CLOUDFLARE_API_TOKEN=kept-secret\n`, { mode: 0o644 });
    const { code, out } = install("--root", root, "--package", tarball, "--keep-backups", "7");
    expect(code).toBe(0);
    for (const unit of units) expect(out).toContain(`unchanged: /etc/systemd/system/${unit}`);
    expect(out).toContain("kept: /etc/cf-gitops/env");
    expect(readFileSync(envFile, "utf8")).toContain("CLOUDFLARE_API_TOKEN=kept-secret");
    expect(mode("etc/cf-gitops/env")).toBe("600"); // repaired
    expect(out).toContain("skipped: systemctl restart cf-gitops.service (installing under --root");
  });

  it("writes a custom prefix, user and backup directory into the units", () => {
    const other = join(dir, "other");
    mkdirSync(other);
    const { code } = install("--root", other, "--package", tarball, "--prefix", "/srv/cfg", "--user", "infra", "--backup-dir", "/mnt/nas/cfg");
    expect(code).toBe(0);
    const backup = readFileSync(join(other, "etc/systemd/system/cf-gitops-backup.service"), "utf8");
    expect(backup).toContain("ExecStart=/srv/cfg/node_modules/.bin/cf-gitops backup --data-dir /var/lib/cf-gitops --out /mnt/nas/cfg/ --keep 14");
    expect(backup).toContain("ReadWritePaths=/mnt/nas/cfg\n");
    expect(backup).toMatch(/^User=infra\nGroup=infra$/m);
    expect(existsSync(join(other, "srv/cfg/node_modules/.bin/cf-gitops"))).toBe(true);
  });

  it("--uninstall removes the service and the tool, and keeps data, backups and secrets", () => {
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

  it("refuses bad options with a message, changing nothing", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    expect(install("--root", empty, "--keep-backups", "0")).toEqual({ code: 1, out: "install.sh: --keep-backups must be a whole number of at least 1, got: 0\n" });
    expect(install("--root", empty, "--prefix", "relative/path").out).toBe("install.sh: --prefix must be an absolute path, got: relative/path\n");
    const unknown = install("--root", empty, "--frobnicate");
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("install.sh: unknown option: --frobnicate");
    expect(files(empty)).toEqual([]);
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
