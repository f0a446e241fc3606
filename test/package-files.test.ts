// The npm package carries what docs/operations.md runs from node_modules/cf-gitops: the installer,
// the systemd units it copies, and every file the monitoring compose file mounts.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, normalize, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "..");
let packed: Set<string>;

beforeAll(async () => {
  // --ignore-scripts: the file list only, without building dist/ again
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  packed = new Set((JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path));
}, 60_000);

describe("the npm package", () => {
  it("ships the installer and the units it installs", async () => {
    for (const file of ["deploy/install.sh", "docs/deploy/cf-gitops.service", "docs/deploy/cf-gitops-backup.service", "docs/deploy/cf-gitops-backup.timer", "docs/deploy/env.example"]) {
      expect(packed.has(file), file).toBe(true);
    }
  });

  it("ships every file the monitoring compose file mounts", async () => {
    const compose = await readFile(join(repoRoot, "deploy/monitoring/compose.yaml"), "utf8");
    const mounts = [...compose.matchAll(/^\s*- (\.{1,2}\/[^:\s]+):/gm)].map((match) => normalize(join("deploy/monitoring", match[1]!)));
    expect(mounts.length).toBeGreaterThanOrEqual(4);
    for (const mount of mounts) expect([...packed].some((file) => file === mount || file.startsWith(`${mount}/`)), mount).toBe(true);
  });

  it("leaves the tests and the sources out", () => {
    expect([...packed].filter((file) => file.startsWith("test/") || file.startsWith("src/") || file.endsWith(".test.ts"))).toEqual([]);
  });
});
