// Issue 17 acceptance, end to end: the emulator maps alice's token to alice@example.com; a real
// daemon process applies the example, alice edits a record through the API, and the next drift
// run names her and the time in /api/drift, on the page, and in `cf-gitops drift --format json`.
// Without audit-log permission the report says so once, the run still succeeds, and the drift it
// reports is the same.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { runCli, token } from "./native-support.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const adminToken = "admin-token-for-tests";
const aliceToken = "alice-token-0123456789abcdefghijklmnopqrstuvwxyz";

interface RunRow { id: number; kind: string; result: string; error?: string }
interface ChangedBy { actor: string; at: string; action: string; via: string; ip?: string }
interface DriftItem { kind: string; id: string; op: string; fields: string[]; changedBy?: ChangedBy }
interface DriftDoc { stack: string; runId: number | null; items: DriftItem[]; attribution: { source: string; note?: string; since: string; entries: number } | null }

let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;

async function runs(): Promise<RunRow[]> {
  return ((await (await fetch(`${daemon.url}/api/runs?limit=100&stack=default`)).json()) as { runs: RunRow[] }).runs;
}

/** Queues a drift check and waits for it to finish; returns its run. */
async function driftCheck(): Promise<RunRow> {
  const newest = (await runs())[0]?.id ?? 0;
  const response = await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "drift" }) });
  expect(response.status).toBe(202);
  return waitFor(async () => (await runs()).find((run) => run.id > newest && run.kind === "drift" && run.result !== "running"), 60_000, "the drift check");
}

async function apiDrift(): Promise<DriftDoc> {
  const body = (await (await fetch(`${daemon.url}/api/drift?stack=default`)).json()) as { stacks: DriftDoc[] };
  return body.stacks[0]!;
}

function cf(who: string): Cloudflare {
  return new Cloudflare({ apiToken: who, baseURL: emulator.baseUrl, maxRetries: 0 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-attribution-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"], users: { [aliceToken]: "alice@example.com" } });
  await cf(token).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"),
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: token, CFGITOPS_WEBHOOK_SECRET: "webhook-secret-for-tests", CFGITOPS_ADMIN_TOKEN: adminToken },
  });
  const applied = await waitFor(async () => (await runs()).find((run) => run.kind === "apply" && run.result !== "running"), 60_000, "the start-up apply");
  expect(applied.result).toBe("success");
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("drift attribution from the audit log", () => {
  let at: string;

  it("names alice@example.com and the time of her edit in /api/drift, on the page and in drift --format json", async () => {
    const zoneId = (await cf(aliceToken).zones.list({ name: "example.com" })).result[0]!.id;
    const [record] = (await cf(aliceToken).dns.records.list({ zone_id: zoneId, name: { exact: "example.com" }, type: "A" } as never)).result;
    await cf(aliceToken).dns.records.edit(record!.id, { zone_id: zoneId, content: "198.51.100.77" } as never);
    at = emulator.auditLog().at(-1)!.time;
    expect(emulator.auditLog().at(-1)).toMatchObject({ id: record!.id, actor: { email: "alice@example.com" } });

    const run = await driftCheck();
    expect(run.result).toBe("success");
    const drift = await apiDrift();
    expect(drift.runId).toBe(run.id);
    expect(drift.attribution).toMatchObject({ source: "audit-log-v2" });
    expect(drift.attribution?.note).toBeUndefined();
    expect(drift.items).toEqual([expect.objectContaining({ kind: "dns-record", op: "update", fields: ["content"], changedBy: { actor: "alice@example.com", at, action: "update", via: "api", ip: "127.0.0.1" } })]);

    const page = await (await fetch(`${daemon.url}/`)).text();
    expect(page).toContain('<th scope="col">Changed by</th>');
    expect(page).toMatch(new RegExp(`<td class="changed-by"[^>]*>alice@example.com<br><span class="note">via api <time datetime="${at.replace(/[.]/g, "\\.")}"`));

    const cli = await runCli(["drift", "--format", "json"], { cwd: upstream.work, emulator });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout) as { changes: DriftItem[]; attribution: { source: string } };
    expect(report.attribution.source).toBe("audit-log-v2");
    expect(report.changes.map((change) => change.changedBy)).toEqual([{ actor: "alice@example.com", at, action: "update", via: "api", ip: "127.0.0.1" }]);
  });

  it("keeps naming her while the drift lasts (the next check reads only what came after)", async () => {
    const run = await driftCheck();
    expect(run.result).toBe("success");
    const drift = await apiDrift();
    expect(drift.runId).toBe(run.id);
    expect(drift.attribution).toMatchObject({ source: "audit-log-v2", entries: 0 });
    expect(drift.items.map((item) => item.changedBy?.actor)).toEqual(["alice@example.com"]);
  });

  it("without audit-log permission: says so once, the run succeeds, and the drift is the same", async () => {
    const before = await apiDrift();
    const writes = emulator.stats().writes;
    emulator.setFaults({ auditLogs: { v2: 403, v1: 403 } });
    try {
      const run = await driftCheck();
      expect(run.result).toBe("success");
      expect(run.error).toBeUndefined();
      const drift = await apiDrift();
      expect(drift.runId).toBe(run.id);
      expect(drift.attribution).toMatchObject({ source: "none", note: expect.stringMatching(/^attribution unavailable: the token lacks Account › Account Settings › Read.*\(HTTP 403\)$/) });
      expect(drift.items.map(({ kind, id, op, fields }) => ({ kind, id, op, fields }))).toEqual(before.items.map(({ kind, id, op, fields }) => ({ kind, id, op, fields })));
      expect(drift.items.every((item) => item.changedBy === undefined)).toBe(true);
      expect(emulator.stats().writes).toBe(writes);

      const page = await (await fetch(`${daemon.url}/`)).text();
      expect(page.match(/attribution unavailable/g)).toHaveLength(1);
      const cli = await runCli(["drift"], { cwd: upstream.work, emulator });
      expect(cli.code).toBe(0);
      expect(cli.stdout.match(/attribution unavailable/g)).toHaveLength(1);
      expect(cli.stdout).not.toContain("changed by");
    } finally {
      emulator.setFaults({});
    }
  });
});
