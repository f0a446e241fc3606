// Issue 22 item 4 against a real daemon process: a run that cannot be recorded (the history
// database locked by another process) no longer vanishes. The daemon logs it, counts it in
// cfgitops_history_write_errors_total, says so on the page and in /api/status, and tries again:
// the run is queued again once history can be written, and a run whose end could not be written
// gets it written later, instead of staying "running" until a restart.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const adminToken = "admin-token-for-history-tests";
let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;

interface RunRow { id: number; kind: string; result: string; triggers: string[] }

async function runs(): Promise<RunRow[]> {
  return ((await (await fetch(`${daemon.url}/api/runs?limit=50`)).json()) as { runs: RunRow[] }).runs;
}

async function writeErrors(): Promise<number> {
  const text = await (await fetch(`${daemon.url}/metrics`)).text();
  return Number(/^cfgitops_history_write_errors_total\{stack="default"\} (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

function reconcile(kind: "apply" | "drift"): Promise<Response> {
  return fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind }) });
}

/** Another process holds the history database's write lock until released. */
function lockHistory(): { release(): void } {
  const db = new DatabaseSync(join(dir, "data", "history.sqlite"), { timeout: 10_000 });
  db.exec("BEGIN EXCLUSIVE");
  return { release: () => { db.exec("ROLLBACK"); db.close(); } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-history-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  await new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 }).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_ADMIN_TOKEN: adminToken } });
  await waitFor(async () => ((await runs()).some((run) => run.result === "success") ? true : undefined), 60_000, "the start-up apply");
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a run history cannot record", () => {
  it("is logged, counted and shown while the database is locked, and runs once it can be recorded", async () => {
    expect(await writeErrors()).toBe(0);
    const before = (await runs()).length;
    const lock = lockHistory();
    let locked = true;
    try {
      expect((await reconcile("drift")).status).toBe(202);
      await waitFor(async () => (daemon.stderr().includes("could not record the run in history") ? true : undefined), 20_000, "the log line");
      expect(await writeErrors()).toBeGreaterThanOrEqual(1);
      const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as { history?: { error: string } };
      expect(status.history?.error).toMatch(/locked|busy/i);
      expect(await (await fetch(`${daemon.url}/`)).text()).toContain("Could not write the run history");
      lock.release();
      locked = false;
    } finally {
      if (locked) lock.release();
    }
    // Queued again: the drift check runs and is recorded; the page no longer shows the problem.
    const recorded = await waitFor(async () => {
      const fresh = (await runs()).slice(0, (await runs()).length - before).find((run) => run.kind === "drift" && run.triggers.includes("manual") && run.result !== "running");
      return fresh;
    }, 60_000, "the drift check, recorded");
    expect(recorded.result).toBe("success");
    const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as { history?: unknown };
    expect(status.history).toBeUndefined();
  }, 120_000);

  it("records a run's end later when it could not be written at the time", async () => {
    // Each request to the emulator takes 1.5 s: the drift check is still going when the lock is taken.
    emulator.setFaults({ latencyMs: 1_500 });
    const errors = await writeErrors();
    expect((await reconcile("drift")).status).toBe(202);
    const running = await waitFor(async () => (await runs()).find((run) => run.kind === "drift" && run.result === "running"), 20_000, "the drift check to start");
    const lock = lockHistory();
    try {
      await waitFor(async () => (daemon.stderr().includes("could not record the end of the run") ? true : undefined), 60_000, "the end that could not be written");
    } finally {
      emulator.setFaults({});
      lock.release();
    }
    expect(await writeErrors()).toBeGreaterThan(errors);
    const ended = await waitFor(async () => (await runs()).find((run) => run.id === running.id && run.result !== "running"), 60_000, "the end, written later");
    expect(ended.result).toBe("success");
  }, 150_000);
});
