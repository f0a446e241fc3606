// Issue 11 items 1-3 against a real `cf-gitops daemon` process: a burst of large unsigned posts
// does not fill memory, strangers' failed logins do not lock the admin out (also behind a trusted
// reverse proxy), and a replayed webhook delivery runs nothing.
import Cloudflare from "cloudflare";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { signPayload } from "../src/shared/hmac-signature.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-hardening";
const adminToken = "admin-token-for-hardening";
const proxy = "127.0.0.3";
let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;

interface RunRow {
  id: number;
  kind: string;
  result: string;
  triggers: string[];
  commit?: string;
}

async function runs(): Promise<RunRow[]> {
  return ((await (await fetch(`${daemon.url}/api/runs?limit=100`)).json()) as { runs: RunRow[] }).runs;
}

async function settled(): Promise<RunRow[]> {
  return waitFor(async () => {
    const all = await runs();
    return all.some((run) => run.result === "running") ? undefined : all;
  }, 60_000, "runs to finish");
}

/** Resident memory of the daemon process, from the kernel (VmRSS), in MB. */
function rssMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1]) / 1024;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A POST from a chosen loopback address (127.0.0.2 and 127.0.0.3 are other clients of this host). */
function post(path: string, body: string, headers: Record<string, string>, from = "127.0.0.1"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${daemon.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, localAddress: from }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function reconcile(token: string, from?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return post("/api/reconcile", '{"kind":"drift"}', { authorization: `Bearer ${token}`, ...headers }, from);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-hardening-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"),
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken, CFGITOPS_TRUSTED_PROXIES: proxy },
  });
  await waitFor(async () => ((await runs()).some((run) => run.kind === "apply" && run.result !== "running") ? true : undefined), 60_000, "the start-up apply");
}, 120_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a burst of large unsigned webhook posts (item 1)", () => {
  it("is refused without reading the bodies: RSS stays within 64 MB of where it started", async () => {
    const pid = daemon.child.pid!;
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = rssMb(pid);
    const body = Buffer.alloc(4_900_000, "x");
    const url = `${daemon.url}/webhooks/github`;
    const statuses = (responses: PromiseSettledResult<Response>[]) => responses.map((r) => (r.status === "fulfilled" ? r.value.status : "reset"));
    // The burst: 90 at once, no signature at all.
    const unsigned = await Promise.allSettled(Array.from({ length: 90 }, () => fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push" }, body })));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const afterUnsigned = rssMb(pid);
    // The same with a signature-shaped header: refused by declared length.
    const declared = await Promise.allSettled(Array.from({ length: 90 }, () =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, body })));
    // And streamed without a length: at most a few are read (to the limit), the rest wait their turn (503).
    const chunk = Buffer.alloc(64 * 1024, "x");
    const streamed = await Promise.allSettled(Array.from({ length: 90 }, () => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= body.length) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return fetch(url, { method: "POST", headers: { "x-github-event": "push", "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, body: stream, duplex: "half" } as RequestInit);
    }));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = rssMb(pid);
    const mb = (value: number) => `${value.toFixed(1)} MB (+${(value - before).toFixed(1)})`;
    console.log(`item 1: daemon RSS ${before.toFixed(1)} MB before; after 90 unsigned 4.9 MB posts ${mb(afterUnsigned)}; after 90 more with a fake signature and 90 streamed ${mb(after)}`);
    expect(statuses(unsigned).every((status) => status === 401 || status === "reset"), String(statuses(unsigned))).toBe(true);
    expect(statuses(unsigned).filter((status) => status === 401).length).toBeGreaterThan(0);
    expect(statuses(declared).every((status) => status === 413 || status === "reset"), String(statuses(declared))).toBe(true);
    expect(statuses(streamed).every((status) => [413, 503, 429, "reset"].includes(status)), String(statuses(streamed))).toBe(true);
    expect(afterUnsigned - before).toBeLessThan(64);
    expect(after - before).toBeLessThan(64);
    expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
  }, 120_000);
});

describe("failed logins (item 2)", () => {
  it("from the admin's own address do not lock the admin out after six, and authenticated requests have their own budget", async () => {
    for (let i = 0; i < 6; i++) expect((await reconcile("wrong-token")).status).toBe(401);
    for (let i = 0; i < 8; i++) expect((await reconcile(adminToken)).status).toBe(202);
  });

  it("from a stranger's address lock out the stranger only", async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await reconcile("guess", "127.0.0.2")).status);
    expect(answers.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
    expect((await reconcile(adminToken, "127.0.0.2")).status).toBe(429);
    expect((await reconcile(adminToken, "127.0.0.1")).status).toBe(202);
  });

  it("behind a trusted proxy count per forwarded client; a forged header from anyone else buys nothing", async () => {
    for (let i = 0; i < 12; i++) await reconcile("guess", proxy, { "x-forwarded-for": "203.0.113.5" });
    expect((await reconcile(adminToken, proxy, { "x-forwarded-for": "203.0.113.5" })).status).toBe(429);
    expect((await reconcile(adminToken, proxy, { "x-forwarded-for": "198.51.100.7" })).status).toBe(202);
    // 127.0.0.2 is locked out above, and is no trusted proxy: its X-Forwarded-For is ignored.
    expect((await reconcile(adminToken, "127.0.0.2", { "x-forwarded-for": "192.0.2.44" })).status).toBe(429);
  });
});

describe("replayed webhook deliveries (item 3)", () => {
  it("run once: the same X-GitHub-Delivery five times gives one run", async () => {
    await settled();
    const zoneFile = "desired-state/zones/example.net.yaml";
    const text = await upstream.read(zoneFile);
    const sha = await upstream.commit({ [zoneFile]: text.replace(/(\n {2}- \{ name: status,[^\n]*)/, "$1\n  - { name: replayed, type: A, content: 203.0.113.55, proxied: true }") }, "add replayed");
    const before = (await runs()).length;
    const payload = JSON.stringify({ ref: "refs/heads/main", after: sha, before: "0".repeat(40), repository: { full_name: "home/infra" } });
    const headers = { "x-github-event": "push", "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-hub-signature-256": signPayload(secret, payload) };
    const answers: Reply[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await post("/webhooks/github", payload, headers));
      await settled(); // replays after the run, as the probe did
    }
    expect(answers.map((answer) => answer.status)).toEqual([202, 200, 200, 200, 200]);
    expect(JSON.parse(answers[1]!.body)).toMatchObject({ accepted: false, duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const added = (await settled()).slice(0, (await runs()).length - before);
    expect(added.map((run) => [run.kind, run.triggers, run.commit])).toEqual([["apply", ["webhook"], sha]]);
  }, 120_000);
});
