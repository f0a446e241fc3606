// Issue 22 items 3, 5, 6, 7 and 8 against a real daemon process, each from its own loopback
// address (127.0.0.x are all this host): slow or aborted webhook bodies count as failed
// authentication and cannot hold every body slot; a replayed body is refused whatever its delivery
// id, without using up the budget real deliveries need; idle and half-sent connections are capped
// per address and closed in 10 s; one client cannot take every live-update slot; and a valid
// credential is not refused because others failed from its address.
import Cloudflare from "cloudflare";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { signPayload } from "../src/shared/hmac-signature.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-limits";
const adminToken = "admin-token-for-limits-0123456789";
const readToken = "read-token-for-limits-0123456789";
let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;
let port: number;

interface Reply { status: number; body: string }

/** One HTTP request from a chosen loopback address. */
function send(method: string, path: string, options: { from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path, headers: options.headers ?? {}, localAddress: options.from ?? "127.0.0.1", agent: false }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

const read = { authorization: `Basic ${Buffer.from(`me:${readToken}`).toString("base64")}` };

function delivery(body: string, id: string, from = "127.0.0.1", event = "push", signature = signPayload(secret, body)): Promise<Reply> {
  return send("POST", "/webhooks/github", { from, body, headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": signature } });
}

/** A raw socket from `from` that has sent `text` and stays open; resolves once connected. */
function rawSocket(from: string, text = ""): Promise<Socket & { closedAt?: number; answer: string }> {
  return new Promise((resolve) => {
    const socket = Object.assign(connect({ host: "127.0.0.1", port, localAddress: from }), { answer: "" }) as Socket & { closedAt?: number; answer: string };
    socket.on("data", (data: Buffer) => (socket.answer += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => (socket.closedAt ??= Date.now()));
    socket.once("connect", () => {
      if (text) socket.write(text);
      resolve(socket);
    });
    socket.once("close", () => resolve(socket));
  });
}

const wrongSignature = `sha256=${"0".repeat(64)}`;
const webhookHead = (length: number, signature = wrongSignature) =>
  `POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\nX-Hub-Signature-256: ${signature}\r\nContent-Length: ${length}\r\n\r\n`;

function rssMb(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-limits-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  await new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 }).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"),
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken, CFGITOPS_READ_TOKEN: readToken },
  });
  port = Number(new URL(daemon.url).port);
  await waitFor(async () => {
    const { runs } = JSON.parse((await send("GET", "/api/runs", { headers: read })).body) as { runs: Array<{ result: string }> };
    return runs.some((run) => run.result === "success") ? true : undefined;
  }, 60_000, "the start-up apply");
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the daemon's HTTP limits", () => {
  it("let a valid admin or read token through from an address others failed from, and keep refusing the failures (item 8)", async () => {
    const from = "127.0.0.4";
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await delivery('{"zen":"x"}', `bad-${i}`, from, "push", wrongSignature)).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(answers.slice(10)).toEqual([429, 429]);
    expect((await send("POST", "/api/reconcile", { from, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: '{"kind":"drift"}' })).status).toBe(202);
    expect((await send("GET", "/api/status", { from, headers: read })).status).toBe(200);
    expect((await send("GET", "/api/status", { from, headers: { authorization: "Bearer a-wrong-guess" } })).status).toBe(429);
    expect((await send("POST", "/api/reconcile", { from, headers: { authorization: "Bearer a-wrong-guess", "content-type": "application/json" }, body: '{"kind":"drift"}' })).status).toBe(429);
  });

  it("refuses a replayed body under a new delivery id, and replays do not use up the budget of real deliveries (item 5)", async () => {
    const ping = JSON.stringify({ zen: "Design for failure.", hook_id: 1 });
    expect((await delivery(ping, "first", "127.0.0.1", "ping")).status).toBe(200);
    const replays: Reply[] = [];
    for (let i = 0; i < 125; i++) replays.push(await delivery(ping, `replay-${i}`, "127.0.0.10", "ping"));
    expect(JSON.parse(replays[0]!.body)).toMatchObject({ accepted: false, duplicate: true });
    expect(new Set(replays.map((reply) => reply.status))).toEqual(new Set([200, 429]));
    // A real delivery (another body) still goes through.
    expect((await delivery(JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 }), "second", "127.0.0.1", "ping")).status).toBe(200);
  });

  it("counts aborted and slow webhook bodies as failed authentications, and one address cannot hold every body slot (item 3)", async () => {
    // Four slow, wrongly signed bodies from one address: they may hold a share of the body slots, not all.
    const slow = await Promise.all(Array.from({ length: 4 }, () => rawSocket("127.0.0.5", `${webhookHead(1000)}{`)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await delivery(JSON.stringify({ zen: "Half measures are as bad as nothing at all.", hook_id: 1 }), "during-slow", "127.0.0.1", "ping")).status).toBe(200);
    // Ten bodies cut off half-way: each counts; the eleventh request from that address is refused before its body.
    for (let i = 0; i < 10; i++) {
      const socket = await rawSocket("127.0.0.6", `${webhookHead(1000)}{"half":`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await delivery("{}", "after-aborts", "127.0.0.6", "push", wrongSignature)).status).toBe(429);
    // The slow bodies are dropped after 10 s, counted as failures too.
    await waitFor(async () => (slow.every((socket) => socket.closedAt !== undefined) ? true : undefined), 15_000, "the slow bodies to be dropped");
    for (const socket of slow) socket.destroy();
  }, 30_000);

  it("caps connections per address and closes idle and half-sent ones within 10 s (item 6)", async () => {
    const pid = daemon.child.pid!;
    const before = rssMb(pid);
    const idle = await Promise.all(Array.from({ length: 300 }, () => rawSocket("127.0.0.7")));
    const half = await rawSocket("127.0.0.11", "GET /api/status HTTP/1.1\r\nHost: local");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const open = idle.filter((socket) => socket.closedAt === undefined).length;
    expect(open).toBeLessThanOrEqual(64);
    expect(open).toBeGreaterThan(0);
    expect((await send("GET", "/healthz")).status).toBe(200);
    expect(rssMb(pid) - before).toBeLessThan(40);
    const openedAt = Date.now();
    await waitFor(async () => ([...idle, half].every((socket) => socket.closedAt !== undefined) ? true : undefined), 15_000, "idle and half-sent connections to be closed");
    expect(Math.max(...[...idle, half].map((socket) => socket.closedAt! - openedAt))).toBeLessThan(12_000);
  }, 30_000);

  it("lets one address hold only a few live-update streams (item 7)", async () => {
    const streams = await Promise.all(Array.from({ length: 6 }, () => rawSocket("127.0.0.8", `GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${read.authorization}\r\n\r\n`)));
    await waitFor(async () => (streams.every((socket) => /^HTTP\/1\.1 \d{3}/.test(socket.answer)) ? true : undefined), 5_000, "every stream to be answered");
    const statuses = streams.map((socket) => Number(/^HTTP\/1\.1 (\d{3})/.exec(socket.answer)?.[1]));
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    const other = await rawSocket("127.0.0.9", `GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${read.authorization}\r\n\r\n`);
    await waitFor(async () => (other.answer.startsWith("HTTP/1.1 200") ? true : undefined), 5_000, "another address's stream");
    for (const socket of [...streams, other]) socket.destroy();
  });
});
