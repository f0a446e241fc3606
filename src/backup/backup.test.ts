// Backup and restore with real files: a history database another connection is writing to, a Pulumi
// file backend, and every way a backup file can be wrong (each refused, with nothing changed).
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openHistory } from "../history/store.ts";
import { latestSchemaVersion } from "../history/migrations.ts";
import { createBackup } from "./create.ts";
import { manifestPath, sha256, type BackupManifest } from "./manifest.ts";
import { readBackup } from "./read.ts";
import { restoreBackup } from "./restore.ts";
import { readTar, writeTar } from "../../test/support/ustar.ts";

let dir: string;
let dataDir: string;
const children: ChildProcess[] = [];

const pulumiFiles: Record<string, string> = {
  "pulumi/.pulumi/meta.yaml": "version: 1\n",
  "pulumi/.pulumi/stacks/cf-gitops/default.json": '{"version":3,"checkpoint":{"latest":{"resources":[]}}}\n',
  "pulumi/workspace/Pulumi.yaml": "name: cf-gitops\nruntime: nodejs\n",
  "pulumi/workspace/Pulumi.default.yaml": "encryptionsalt: v1:abc:def\n",
};

function seed(target: string, runs: number): void {
  const history = openHistory(join(target, "history.sqlite"));
  for (let i = 0; i < runs; i++) {
    const id = history.startRun({ stack: "default", kind: "apply", trigger: "webhook", branch: "main" });
    history.finishRun(id, { result: "success" });
  }
  history.close();
  for (const [path, content] of Object.entries(pulumiFiles)) {
    mkdirSync(join(target, path, ".."), { recursive: true });
    writeFileSync(join(target, path), content);
  }
  mkdirSync(join(target, "pulumi/.pulumi/locks/cf-gitops/default"), { recursive: true });
  writeFileSync(join(target, "pulumi/.pulumi/locks/cf-gitops/default/lock.json"), "{}");
  mkdirSync(join(target, "pulumi/.pulumi/history/cf-gitops/default"), { recursive: true });
  writeFileSync(join(target, "pulumi/.pulumi/history/cf-gitops/default/default-1.history.json"), "{}");
  writeFileSync(join(target, "notify-state.json"), '{"sent":{}}\n');
  mkdirSync(join(target, "repo"), { recursive: true });
  writeFileSync(join(target, "repo", "README"), "the clone is not backed up");
}

function listing(target: string): string[] {
  if (!existsSync(target)) return [];
  return readdirSync(target, { recursive: true, encoding: "utf8" }).sort();
}

function runIds(target: string): number[] {
  const history = openHistory(join(target, "history.sqlite"));
  try {
    return history.listRuns({ limit: 1000 }).map((run) => run.id).sort((a, b) => a - b);
  } finally {
    history.close();
  }
}

/** Rewrites a backup's tar with a change applied to its entries (re-gzipped, so only our checks can tell). */
function tamper(file: string, out: string, change: (entries: ReturnType<typeof readTar>) => void): string {
  const entries = readTar(gunzipSync(readFileSync(file)));
  change(entries);
  writeFileSync(out, gzipSync(writeTar(entries)));
  return out;
}

function editManifest(file: string, out: string, edit: (manifest: BackupManifest) => void): string {
  return tamper(file, out, (entries) => {
    const manifest = JSON.parse(entries[0]!.data.toString()) as BackupManifest;
    edit(manifest);
    entries[0]!.data = Buffer.from(JSON.stringify(manifest));
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-backup-"));
  dataDir = join(dir, "data");
  seed(dataDir, 3);
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("backup", () => {
  it("takes a consistent snapshot while another connection holds a write transaction open", async () => {
    const writer = new DatabaseSync(join(dataDir, "history.sqlite"), { timeout: 5000 });
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("INSERT INTO runs (stack, kind, triggers, started_at) VALUES ('default', 'apply', '[\"manual\"]', '2025-01-01T00:00:00Z')");
    const file = join(dir, "b.tar.gz");
    const manifest = await createBackup({ dataDir, file, env: {} });
    writer.exec("COMMIT");
    writer.close();

    expect(manifest).toMatchObject({ format: "cf-gitops-backup", formatVersion: 1, node: process.version, history: { schemaVersion: latestSchemaVersion, runs: 3, lastRunId: 3 }, pulumi: { included: true }, daemonPid: null });
    expect(manifest.files.map((entry) => entry.path).sort()).toEqual(["history.sqlite", "notify-state.json", ...Object.keys(pulumiFiles)].sort());
    const entries = readTar(gunzipSync(readFileSync(file)));
    expect(entries[0]!.path).toBe(manifestPath);
    for (const listed of manifest.files) expect(sha256(entries.find((entry) => entry.path === listed.path)!.data)).toBe(listed.sha256);
    expect(entries.some((entry) => /locks|history\/|repo\//.test(entry.path))).toBe(false);
  });

  it("says why the Pulumi state is left out when the backend is elsewhere, and refuses a data dir without history", async () => {
    const manifest = await createBackup({ dataDir, file: join(dir, "c.tar.gz"), env: { PULUMI_BACKEND_URL: "s3://user:secret@bucket/state" } });
    expect(manifest.pulumi).toEqual({ included: false, note: expect.stringContaining("the Pulumi backend is s3://bucket/state") });
    expect(manifest.files.some((entry) => entry.path.startsWith("pulumi/"))).toBe(false);
    await expect(createBackup({ dataDir: join(dir, "nothing"), file: join(dir, "d.tar.gz"), env: {} })).rejects.toThrow(`no history database at ${join(dir, "nothing", "history.sqlite")}`);
    expect(existsSync(join(dir, "d.tar.gz"))).toBe(false);
  });
});

describe("restore", () => {
  let file: string;
  beforeEach(async () => {
    file = join(dir, "b.tar.gz");
    await createBackup({ dataDir, file, env: {} });
  });

  it("restores history and Pulumi state into a fresh data directory", async () => {
    const target = join(dir, "fresh");
    const result = await restoreBackup({ file, dataDir: target });
    expect(result.restored.sort()).toEqual(["history.sqlite", "notify-state.json", "pulumi"]);
    expect(runIds(target)).toEqual([1, 2, 3]);
    for (const [path, content] of Object.entries(pulumiFiles)) expect(readFileSync(join(target, path), "utf8")).toBe(content);
    expect(listing(target).some((path) => path.startsWith(".restore-"))).toBe(false);
  });

  it.each([
    ["a flipped byte", (f: string) => { const bytes = readFileSync(f); bytes[Math.floor(bytes.length / 2)]! ^= 0xff; writeFileSync(f, bytes); return f; }, /damaged/],
    ["a cut-short file", (f: string) => { writeFileSync(f, readFileSync(f).subarray(0, 200)); return f; }, /damaged/],
    ["a text file", (f: string) => { writeFileSync(f, "hello\n"); return f; }, /not a cf-gitops backup \(not gzip data\)/],
    ["a tar.gz without a manifest", (f: string) => { writeFileSync(f, gzipSync(writeTar([{ path: "notes.txt", data: Buffer.from("x") }]))); return f; }, /not a cf-gitops backup \(no manifest.json first\)/],
    ["changed history bytes", (f: string) => tamper(f, f, (entries) => { entries.find((e) => e.path === "history.sqlite")!.data[100]! ^= 1; }), /checksum mismatch for history.sqlite/],
    ["a newer format version", (f: string) => editManifest(f, f, (m) => { m.formatVersion = 2; }), /backup format version 2 is not the one this cf-gitops reads \(1\)/],
    ["a newer history schema", (f: string) => editManifest(f, f, (m) => { m.history.schemaVersion = 99; }), /schema version 99, newer than this cf-gitops understands/],
    ["a path outside the data directory", (f: string) => tamper(f, f, (entries) => {
      const manifest = JSON.parse(entries[0]!.data.toString()) as BackupManifest;
      manifest.files.push({ path: "../escape", size: 1, sha256: sha256(Buffer.from("x")) });
      entries[0]!.data = Buffer.from(JSON.stringify(manifest));
      entries.push({ path: "../escape", data: Buffer.from("x") });
    }), /"\.\.\/escape", which is missing or not a safe relative path/],
  ])("refuses %s and changes nothing", async (_name, damage, message) => {
    writeFileSync(join(dir, "bad.tar.gz"), readFileSync(file));
    const bad = damage(join(dir, "bad.tar.gz"));
    const target = join(dir, "target");
    const existing = join(dir, "existing");
    seed(existing, 1);
    const before = listing(existing);
    await expect(restoreBackup({ file: bad, dataDir: target })).rejects.toThrow(message);
    await expect(restoreBackup({ file: bad, dataDir: existing, force: true })).rejects.toThrow(/nothing was restored/);
    expect(existsSync(target)).toBe(false);
    expect(listing(existing)).toEqual(before);
    expect(runIds(existing)).toEqual([1]);
  });

  it("refuses a data directory a daemon is running on, and restores once it is gone", async () => {
    const target = join(dir, "busy");
    mkdirSync(target);
    const daemon = spawn("sleep", ["30"]);
    children.push(daemon);
    writeFileSync(join(target, "daemon.pid"), JSON.stringify({ pid: daemon.pid }));
    await expect(restoreBackup({ file, dataDir: target })).rejects.toThrow(`a cf-gitops daemon (pid ${daemon.pid}) is running on ${target}; nothing was restored`);
    expect(listing(target)).toEqual(["daemon.pid"]);
    await new Promise((resolve) => { daemon.once("exit", resolve); daemon.kill("SIGKILL"); });
    expect((await restoreBackup({ file, dataDir: target })).restored).toContain("history.sqlite");
  });

  it("keeps existing state unless --force, which moves it aside", async () => {
    const target = join(dir, "existing");
    seed(target, 1);
    const before = listing(target);
    await expect(restoreBackup({ file, dataDir: target })).rejects.toThrow(`${target} already holds state (history.sqlite, pulumi, notify-state.json`);
    expect(listing(target)).toEqual(before);
    const result = await restoreBackup({ file, dataDir: target, force: true, now: new Date("2025-02-03T04:05:06.789Z") });
    expect(result.movedAside).toBe(join(target, "pre-restore-2025-02-03T04-05-06-789Z"));
    expect(runIds(target)).toEqual([1, 2, 3]);
    expect(runIds(result.movedAside!)).toEqual([1]);
    expect(existsSync(join(target, "repo", "README"))).toBe(true);
  });
});

describe("streaming, with a cap on what a backup unpacks to (issue 22 item 12)", () => {
  let file: string;
  beforeEach(async () => {
    file = join(dir, "b.tar.gz");
    await createBackup({ dataDir, file, env: {} });
  });

  it("checks a gzip bomb (a backup followed by 256 MB of zeros) in little memory, reading only to the archive's end", async () => {
    const bomb = join(dir, "bomb.tar.gz");
    writeFileSync(bomb, gzipSync(Buffer.concat([gunzipSync(readFileSync(file)), Buffer.alloc(256 * 1024 * 1024)]), { level: 1 }));
    expect(statSync(bomb).size).toBeLessThan(2 * 1024 * 1024);
    // `cf-gitops restore --check` in a process of its own, which reports its peak memory.
    const peakMb = (path: string) => {
      const code = `const { main } = await import(${JSON.stringify(join(import.meta.dirname, "..", "cli", "main.ts"))});
        process.exitCode = await main(["restore", "--check", ${JSON.stringify(path)}]);
        process.stderr.write("peak " + process.resourceUsage().maxRSS + "\\n");`;
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", timeout: 30_000 });
      expect(result.stdout, result.stderr).toContain("is whole");
      return Number(/peak (\d+)/.exec(result.stderr)?.[1]) / 1024;
    };
    const plain = peakMb(file);
    const started = Date.now();
    expect(peakMb(bomb) - plain).toBeLessThan(64);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a manifest that declares more than the cap, and a file larger than its manifest says, before reading them", async () => {
    const huge = editManifest(file, join(dir, "huge.tar.gz"), (manifest) => {
      manifest.files.find((entry) => entry.path === "history.sqlite")!.size = 100 * 1024 ** 3;
    });
    await expect(readBackup(huge)).rejects.toThrow("its manifest says it unpacks to 100.0 GiB, over the limit of 2.0 GiB; nothing was restored");
    const lying = editManifest(file, join(dir, "lying.tar.gz"), (manifest) => {
      manifest.files.find((entry) => entry.path === "history.sqlite")!.size = 10;
    });
    await expect(readBackup(lying)).rejects.toThrow(/history\.sqlite is \d+ bytes in the archive but 10 in the manifest \(damaged file\)/);
  });

  it("still restores a backup written by the hand-made tar of earlier versions", async () => {
    const old = join(import.meta.dirname, "..", "..", "test", "fixtures", "backup", "written-by-the-hand-made-tar.tar.gz");
    const { manifest } = await readBackup(old);
    expect(manifest.createdAt).toBe("2026-12-01T03:00:00.000Z");
    const target = join(dir, "from-old");
    expect((await restoreBackup({ file: old, dataDir: target })).restored.sort()).toEqual(["history.sqlite", "notify-state.json", "pulumi"]);
    expect(runIds(target)).toEqual([1, 2, 3]);
  });

  it("writes what GNU tar lists and extracts, manifest first", () => {
    execFileSync("tar", ["-xzf", file, "-C", dir]);
    expect(execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).trim().split("\n")[0]).toBe("manifest.json");
    expect(readFileSync(join(dir, "pulumi/workspace/Pulumi.yaml"), "utf8")).toBe(pulumiFiles["pulumi/workspace/Pulumi.yaml"]);
  });
});
