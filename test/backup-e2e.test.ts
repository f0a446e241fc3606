// Issue 15 acceptance: a backup taken by `cf-gitops backup` while a real daemon is applying, restored
// with `cf-gitops restore` into a fresh data directory, gives a daemon whose history holds every run.
// A damaged backup and a data directory in use are refused, changing nothing. The first daemon also
// writes its log to --log-file.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBackup } from "../src/backup/index.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, repoRoot, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-backup-tests";
let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess | undefined;
let env: Record<string, string>;

interface RunRow {
  id: number;
  result: string;
  commit?: string;
  triggers: string[];
}

async function runs(url: string): Promise<RunRow[]> {
  return ((await (await fetch(`${url}/api/runs?limit=100`)).json()) as { runs: RunRow[] }).runs;
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(repoRoot, "node_modules/.bin/node"), [join(repoRoot, "bin/cf-gitops.js"), ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-backup-e2e-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, { method: "POST", headers: { authorization: "Bearer e2e", "content-type": "application/json" }, body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }) });
  upstream = await createUpstream(dir);
  env = { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret };
  daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env, args: ["--log-file", join(dir, "logs", "daemon.log")] });
  await waitFor(async () => ((await runs(daemon!.url)).some((run) => run.result === "success") ? true : undefined), 40_000, "the start-up apply");
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("backup and restore end to end", () => {
  it("backs up during an apply; the restored daemon's history holds every run; bad input changes nothing", async () => {
    // An apply slowed down by the emulator, so the backup happens while it writes.
    emulator.setFaults({ latencyMs: 300 });
    const zoneFile = "desired-state/zones/example.net.yaml";
    const text = await upstream.read(zoneFile);
    const sha = await upstream.commit({ [zoneFile]: text.replace(/(\n {2}- \{ name: status,[^\n]*)/, "$1\n  - { name: during-backup, type: A, content: 203.0.113.90, proxied: true }") }, "add during-backup");
    const requestsBefore = emulator.stats().total;
    await sendPush(daemon!.url, secret, { ref: "refs/heads/main", after: sha });
    await waitFor(async () => ((await runs(daemon!.url)).some((r) => r.result === "running" && r.commit === sha) && emulator.stats().total > requestsBefore ? true : undefined), 30_000, "the apply to reach Cloudflare");

    const backup = await cli(["backup", "--data-dir", join(dir, "data"), "--out", join(dir, "backups") + "/", "--keep", "3"]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backup written: .*cf-gitops-backup-\d{8}T\d{6}Z\.tar\.gz/);
    expect(backup.stdout).toContain(`taken while daemon pid ${daemon!.child.pid} ran`);
    const [name] = readdirSync(join(dir, "backups"));
    const file = join(dir, "backups", name!);
    const { manifest } = await readBackup(file);
    const idsAtBackup = (await runs(daemon!.url)).map((run) => run.id).filter((id) => id <= manifest.history.lastRunId!).sort((a, b) => a - b);
    expect(manifest.history.runs).toBe(idsAtBackup.length);
    expect(idsAtBackup.length).toBeGreaterThanOrEqual(2);

    // Restoring over the live daemon's data directory is refused, even with --force.
    const busy = await cli(["restore", file, "--data-dir", join(dir, "data"), "--force"]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`error: a cf-gitops daemon (pid ${daemon!.child.pid}) is running on ${join(dir, "data")}; nothing was restored`);
    expect(readdirSync(join(dir, "data")).some((entry) => entry.startsWith("pre-restore-") || entry.startsWith(".restore-"))).toBe(false);

    // A damaged copy is refused and creates nothing.
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x55;
    writeFileSync(join(dir, "damaged.tar.gz"), bytes);
    const damaged = await cli(["restore", join(dir, "damaged.tar.gz"), "--data-dir", join(dir, "fresh")]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^error: .*damaged\.tar\.gz: the file is damaged \(.*\); nothing was restored\n/);
    expect(existsSync(join(dir, "fresh"))).toBe(false);

    // Let the apply finish, stop the daemon, restore into a fresh directory, start a daemon on it.
    await waitFor(async () => ((await runs(daemon!.url)).some((r) => r.commit === sha && r.result !== "running") ? true : undefined), 20_000, "the apply to finish");
    emulator.setFaults({ latencyMs: 0 });
    expect(await daemon!.stop()).toBe(0);
    daemon = undefined;
    const restore = await cli(["restore", file, "--data-dir", join(dir, "fresh")]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored ${file} into ${join(dir, "fresh")}: history.sqlite`);

    daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "fresh"), env });
    const restored = await waitFor(async () => {
      const all = await runs(daemon!.url);
      return all.some((r) => r.triggers.includes("recovery") && r.result !== "running") ? all : undefined;
    }, 30_000, "the restored daemon's recovery run");
    const restoredIds = restored.map((run) => run.id);
    for (const id of idsAtBackup) expect(restoredIds).toContain(id);
    // The apply was in flight when the backup was taken: the restored daemon marks it interrupted and runs again.
    expect(restored.find((run) => run.commit === sha && run.triggers.includes("webhook"))?.result).toBe("interrupted");
  }, 180_000);

  it("wrote the first daemon's log, and its run processes' lines, to --log-file with secrets redacted", () => {
    const text = readFileSync(join(dir, "logs", "daemon.1.log"), "utf8");
    const lines = text.trim().split("\n").map((line) => JSON.parse(line) as { pid: number; msg: string });
    expect(lines.some((line) => line.msg === "shutting down: letting the current stage finish")).toBe(true);
    expect(new Set(lines.map((line) => line.pid)).size).toBeGreaterThan(1); // the daemon and at least one run process
    expect(text).not.toContain(secret);
  });
});
