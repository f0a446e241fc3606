// Issue 11 items 5 and 8, against a real daemon process: a run stopped after two of its three writes
// (the emulator fails the third with 503s, which the engine retries for seconds) keeps those two
// writes in history when the daemon is killed with -9, and when its run process is; and the
// orphaned run process leaves quietly, with one line, instead of an ERR_IPC_DISCONNECTED stack trace.
// Issue 22 item 10: the orphaned run process makes no write after its daemon is gone, even when the
// write it was retrying would now go through (history would say "planned" for a change it made).
import Cloudflare from "cloudflare";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-tests";
const zoneFile = "desired-state/zones/example.net.yaml";
let dir: string;
let emulator: RunningEmulator;
let cf: Cloudflare;
let upstream: Upstream;
let daemon: DaemonProcess;
let env: Record<string, string>;

interface Change { id: string; outcome?: string }
interface Run { id: number; result: string; commit?: string; error?: string; triggers: string[]; changes: Change[] }

async function get<T>(path: string): Promise<T> {
  return (await (await fetch(`${daemon.url}${path}`)).json()) as T;
}

const byId = (changes: Change[]) => Object.fromEntries(changes.map((change) => [change.id, change.outcome]));
const settings = (values: { security_level: string; http3: string; brotli: string }) =>
  (text: string) => text.replace(/security_level: \w+/, `security_level: ${values.security_level}`).replace(/http3: \w+/, `http3: ${values.http3}`).replace(/brotli: \w+/, `brotli: ${values.brotli}`);
const expected = { "example.net/settings/brotli": "applied", "example.net/settings/http3": "applied", "example.net/settings/security_level": "planned" };

/** Pushes a commit that changes three settings (three writes: brotli, http3, security_level) whose third write keeps failing. */
async function startStalledApply(values: { security_level: string; http3: string; brotli: string }): Promise<Run> {
  emulator.setFaults({ failNext: [{ method: "PATCH", route: "*/settings/security_level", status: 503, count: 50 }] });
  const sha = await upstream.commit({ [zoneFile]: settings(values)(await upstream.read(zoneFile)) }, `settings ${JSON.stringify(values)}`);
  await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
  // Before the run ends: the two writes that went through are in history already.
  return waitFor(async () => {
    const running = (await get<{ runs: Run[] }>("/api/runs?limit=5")).runs.find((run) => run.commit === sha && run.result === "running");
    if (!running) return undefined;
    const details = await get<Run>(`/api/runs/${running.id}`);
    return byId(details.changes)["example.net/settings/http3"] === "applied" ? details : undefined;
  }, 20_000, "two of the three writes to be recorded while the run is going");
}

async function runChildOf(pid: number): Promise<number> {
  return waitFor(async () => {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8")).trim().split(/\s+/).filter(Boolean).map(Number);
    for (const child of children) if ((await readFile(`/proc/${child}/cmdline`, "utf8").catch(() => "")).includes("daemon-run-child")) return child;
    return undefined;
  }, 5_000, "the run's process");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-crash-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  env = { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret };
  daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env });
  await waitFor(async () => ((await get<{ runs: Run[] }>("/api/runs")).runs.some((run) => run.result === "success") ? true : undefined), 30_000, "the start-up apply");
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a run interrupted after two writes", () => {
  it("keeps them in history when the daemon is killed with -9, and its orphaned run process leaves with one line", async () => {
    const stalled = await startStalledApply({ security_level: "high", http3: "off", brotli: "off" });
    expect(byId(stalled.changes)).toEqual(expected);
    const before = daemon.stderr().length;
    await daemon.stop("SIGKILL");
    // The write the run was retrying would now go through: the orphaned run must not make it.
    emulator.setFaults({});
    // The run process shares the daemon's stderr: the pipe closes when it has exited too.
    await Promise.race([daemon.outputClosed(), new Promise((_, reject) => setTimeout(() => reject(new Error("the orphaned run process did not exit")), 15_000))]);
    const zone = (await cf.zones.list({ name: "example.net" })).result[0]!.id;
    expect(((await cf.zones.settings.get("security_level", { zone_id: zone })) as { value?: unknown }).value).not.toBe("high");
    const lines = daemon.stderr().slice(before).trim().split("\n");
    expect(lines.join("\n")).not.toContain("ERR_IPC_DISCONNECTED");
    expect(lines.join("\n")).not.toMatch(/^\s+at /m);
    // One line says why the run stops; nothing after it.
    const gone = lines.findIndex((line) => line.includes("the daemon went away; this run stops"));
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(lines.slice(gone + 1)).toEqual([]);

    daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env });
    await waitFor(async () => ((await get<{ runs: Run[] }>("/api/runs")).runs.find((run) => run.triggers.includes("recovery") && run.result !== "running")), 30_000, "the recovery run");
    const killed = await get<Run>(`/api/runs/${stalled.id}`);
    expect(killed.result).toBe("interrupted");
    expect(byId(killed.changes)).toEqual(expected);
    // The recovery run converges.
    expect(((await cf.zones.settings.get("security_level", { zone_id: zone })) as { value?: unknown }).value).toBe("high");
  }, 90_000);

  it("keeps them in history when the run's process is killed with -9, and the daemon records the run as failed", async () => {
    const stalled = await startStalledApply({ security_level: "medium", http3: "on", brotli: "on" });
    process.kill(await runChildOf(daemon.child.pid!), "SIGKILL");
    const failed = await waitFor(async () => {
      const run = await get<Run>(`/api/runs/${stalled.id}`);
      return run.result === "running" ? undefined : run;
    }, 15_000, "the killed run to be recorded");
    emulator.setFaults({});
    expect(failed.result).toBe("failure");
    expect(failed.error).toContain("killed by SIGKILL");
    expect(byId(failed.changes)).toEqual(expected);
  }, 60_000);
});
