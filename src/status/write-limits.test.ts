// The budgets of the routes that change something, against a real server on loopback addresses
// (127.0.0.2 and 127.0.0.3 are other clients of the same host on Linux).
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "../shared/hmac-signature.ts";
import type { PushEvent } from "./github-webhook.ts";
import { createMetrics } from "./metrics.ts";
import { createStatusServer, type StatusServer, type StatusServerOptions } from "./server.ts";

const adminToken = "admin-token-for-limit-tests";
const secret = "webhook-secret-for-limit-tests";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(server: StatusServer, path: string, body: string, headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, localAddress }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function reconcile(server: StatusServer, token: string, from?: string, headers: Record<string, string> = {}) {
  return send(server, "/api/reconcile", '{"kind":"apply"}', { authorization: `Bearer ${token}`, ...headers }, from);
}

/** Each delivery has a body of its own, as GitHub's do (a replayed body is refused whatever its id). */
const pushBody = (delivery: string) => JSON.stringify({ ref: "refs/heads/main", after: "a".repeat(40), before: "0".repeat(40), head_commit: { id: delivery } });
function push(server: StatusServer, delivery: string, signature = signPayload(secret, pushBody(delivery)), from?: string) {
  return send(server, "/webhooks/github", pushBody(delivery), { "x-github-event": "push", "x-github-delivery": delivery, "x-hub-signature-256": signature }, from);
}

const servers: StatusServer[] = [];
async function serve(extra: Partial<StatusServerOptions>, pushes: PushEvent[] = []): Promise<StatusServer> {
  const server = await createStatusServer({
    metrics: createMetrics({ defaultMetrics: false }), adminToken, webhookSecret: secret,
    getStatus: () => ({ generatedAt: "", stacks: [], certificates: [] }),
    onReconcile: () => ({ queued: true }),
    onPush: (event) => void pushes.push(event),
    ...extra,
  });
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe("failed authentications", () => {
  let server: StatusServer;
  beforeAll(async () => {
    server = await serve({ limits: { authFailures: { max: 3, windowMs: 60_000 }, reconcile: { max: 2, windowMs: 60_000 } } });
  });

  it("count per address: a stranger's failures lock out the stranger's guesses, not the admin", async () => {
    // Requests without any credentials guess nothing: refused, not counted.
    for (let i = 0; i < 5; i++) expect((await send(server, "/api/reconcile", '{"kind":"apply"}', {}, "127.0.0.2")).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await send(server, "/webhooks/github", "{}", {}, "127.0.0.2")).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await reconcile(server, "guess", "127.0.0.2")).status).toBe(401);
    const locked = await reconcile(server, "guess", "127.0.0.2");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    // The right token is not refused because others failed from its address (issue 22 item 8).
    expect((await reconcile(server, adminToken, "127.0.0.2")).status).toBe(202);
    // Webhook signature failures count on the same budget.
    expect((await send(server, "/webhooks/github", "{}", { "x-hub-signature-256": signPayload(secret, "{}") }, "127.0.0.2")).status).toBe(429);
    expect((await send(server, "/webhooks/github", "{}", { "x-hub-signature-256": signPayload("wrong", "{}") }, "127.0.0.4")).status).toBe(401);
  });

  it("authenticated requests have a budget of their own", async () => {
    expect((await reconcile(server, adminToken, "127.0.0.1")).status).toBe(202);
    const limited = await reconcile(server, adminToken, "127.0.0.1");
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ error: { code: "rate-limited" } });
  });
});

describe("behind a reverse proxy", () => {
  it("believes X-Forwarded-For only from a trusted proxy, and then counts each client on its own", async () => {
    const server = await serve({ limits: { authFailures: { max: 2, windowMs: 60_000 } }, trustedProxies: new Set(["127.0.0.3"]) });
    const via = (client: string) => ({ "x-forwarded-for": `${client}, 10.0.0.9` });
    // 10.0.0.9 is not trusted: the right-most untrusted hop is the client the proxy saw.
    for (let i = 0; i < 2; i++) expect((await reconcile(server, "guess", "127.0.0.3", { "x-forwarded-for": "203.0.113.5" })).status).toBe(401);
    expect((await reconcile(server, "guess", "127.0.0.3", { "x-forwarded-for": "203.0.113.5" })).status).toBe(429);
    expect((await reconcile(server, "guess", "127.0.0.3", { "x-forwarded-for": "198.51.100.7" })).status).toBe(401);
    expect((await reconcile(server, "guess", "127.0.0.3", via("203.0.113.5"))).status).toBe(401); // client 10.0.0.9
    // From an untrusted peer the header is ignored: it cannot buy a fresh budget.
    for (let i = 0; i < 2; i++) expect((await reconcile(server, "guess", "127.0.0.2", { "x-forwarded-for": `192.0.2.${i}` })).status).toBe(401);
    expect((await reconcile(server, "guess", "127.0.0.2", { "x-forwarded-for": "192.0.2.99" })).status).toBe(429);
  });
});

describe("webhook bodies", () => {
  it("refuses an unsigned post at once, without waiting for (or reading) its body", async () => {
    const server = await serve({});
    const port = new URL(server.url).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1");
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
      // Headers only: the 5 MB body never comes.
      socket.write("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\nContent-Length: 5000000\r\n\r\n");
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a declared length over the limit before reading, and an undeclared one once it passes it", async () => {
    const server = await serve({ limits: { webhookBytes: 1024 } });
    const big = JSON.stringify({ ref: "refs/heads/main", after: "a", padding: "x".repeat(2048) });
    expect((await send(server, "/webhooks/github", big, { "x-hub-signature-256": signPayload(secret, big) })).status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${server.url}/webhooks/github`, { method: "POST", headers: { "x-hub-signature-256": signPayload(secret, big), "transfer-encoding": "chunked" } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write(big.slice(0, 800));
      setTimeout(() => request.end(big.slice(800)), 50);
    });
    expect(chunked).toBe(413);
  });

  it("reads at most `bodiesInFlight` bodies at once; the next gets 503 with Retry-After", async () => {
    const server = await serve({ limits: { bodiesInFlight: 1 } });
    const port = Number(new URL(server.url).port);
    const slow = connect(port, "127.0.0.1");
    slow.write(`POST /webhooks/github HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256=${"0".repeat(64)}\r\nContent-Length: 1000\r\n\r\n{"ref":`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = await push(server, "busy-1");
    expect(busy.status).toBe(503);
    expect(busy.headers["retry-after"]).toBe("5");
    slow.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await push(server, "busy-2")).status).toBe(202);
  });

  it("drops a body that is still arriving after bodyTimeoutMs, freeing its slot", async () => {
    const server = await serve({ limits: { bodiesInFlight: 1, bodyTimeoutMs: 300 } });
    const slow = connect(Number(new URL(server.url).port), "127.0.0.1");
    const closed = new Promise<void>((resolve) => slow.on("close", () => resolve()));
    slow.on("error", () => undefined);
    slow.write(`POST /webhooks/github HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256=${"0".repeat(64)}\r\nContent-Length: 1000\r\n\r\n{"ref":`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await push(server, "slow-1")).status).toBe(503);
    await closed;
    expect((await push(server, "slow-2")).status).toBe(202);
  });
});

describe("webhook deliveries", () => {
  it("runs a delivery once: a replay of the same X-GitHub-Delivery is answered 200 and triggers nothing", async () => {
    const pushes: PushEvent[] = [];
    const server = await serve({}, pushes);
    expect((await push(server, "delivery-1")).status).toBe(202);
    for (let i = 0; i < 4; i++) {
      const replay = await push(server, "delivery-1");
      expect(replay.status).toBe(200);
      expect(JSON.parse(replay.body)).toMatchObject({ accepted: false, duplicate: true });
    }
    expect((await push(server, "delivery-2")).status).toBe(202);
    expect(pushes.map((event) => event.deliveryId)).toEqual(["delivery-1", "delivery-2"]);
  });

  it("does not remember a delivery id from a request with a bad signature", async () => {
    const pushes: PushEvent[] = [];
    const server = await serve({}, pushes);
    expect((await push(server, "delivery-x", `sha256=${"0".repeat(64)}`)).status).toBe(401);
    expect((await push(server, "delivery-x")).status).toBe(202);
    expect(pushes).toHaveLength(1);
  });

  it("limits correctly signed deliveries, all senders together", async () => {
    const server = await serve({ limits: { webhook: { max: 2, windowMs: 60_000 } } });
    expect((await push(server, "r-1")).status).toBe(202);
    expect((await push(server, "r-2")).status).toBe(202);
    const limited = await push(server, "r-3");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });
});
