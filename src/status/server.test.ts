/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies from fetch are checked by the assertions */
import { connect } from "node:net";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHistory, type HistoryStore } from "../history/store.ts";
import { signPayload } from "../shared/hmac-signature.ts";
import type { PushEvent } from "./github-webhook.ts";
import { createMetrics } from "./metrics.ts";
import { buildStatusModel } from "./model.ts";
import { recordRun } from "./run-metrics.ts";
import { createStatusServer, type ReconcileRequest, type StatusServer } from "./server.ts";
import { hostileComment, seedHistory } from "./test-fixtures.ts";

const adminToken = "admin-token-for-tests-0123456789";
const webhookSecret = "webhook-secret-for-tests";

let history: HistoryStore;
let status: StatusServer;
let ready = false;
const pushes: PushEvent[] = [];
const reconciles: ReconcileRequest[] = [];

beforeAll(async () => {
  history = openHistory(":memory:");
  seedHistory(history);
  const metrics = createMetrics({ defaultMetrics: false });
  recordRun(metrics, { stack: "prod", kind: "apply", result: "success", durationSeconds: 4, finishedAt: new Date(), commit: "1a2b3c4", branch: "main" });
  status = await createStatusServer({
    metrics, history, adminToken, webhookSecret, limits: { webhookBytes: 64 * 1024, reconcile: { max: 4, windowMs: 60_000 } },
    getStatus: () => buildStatusModel(history, { stacks: [{ name: "prod", branch: "main" }] }),
    isReady: () => ready,
    onReconcile: (request) => {
      reconciles.push(request);
      return { queued: true, coalesced: false };
    },
    onPush: (event) => {
      pushes.push(event);
      return { accepted: event.branch === "main", reason: event.branch === "main" ? "queued" : "not the tracked branch" };
    },
  });
});
afterAll(async () => {
  await status.close();
  history.close();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${status.url}${path}`, { headers });
}

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${status.url}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

describe("read-only routes", () => {
  it("serves the page with security headers and no CORS", async () => {
    const response = await get("/", { origin: "https://evil.example" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'.*frame-ancestors 'none'$/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const page = await response.text();
    expect(page).toContain("Stack <span class=\"name\">prod</span>");
    expect(page).not.toContain(hostileComment);
  });

  it("serves metrics in the Prometheus text format", async () => {
    const response = await get("/metrics");
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = parsePrometheusTextFormat(await response.text()).map((family) => family.name);
    expect(names).toContain("cfgitops_runs_total");
    expect(names).toContain("cfgitops_applied_commit_info");
  });

  it("answers health and readiness", async () => {
    expect((await get("/healthz")).status).toBe(200);
    expect(await (await get("/readyz")).json()).toEqual({ status: "starting" });
    ready = true;
    expect((await get("/readyz")).status).toBe(200);
  });

  it("serves status, runs, one run and drift as JSON", async () => {
    const model = (await (await get("/api/status")).json()) as any;
    expect(model.stacks[0]).toMatchObject({ name: "prod", appliedCommit: { sha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d" } });
    expect((await get("/status.json")).status).toBe(200);
    const runs = (await (await get("/api/runs?stack=prod&limit=2")).json()) as any;
    expect(runs.runs.map((run: { id: number }) => run.id)).toEqual([3, 2]);
    const run = (await (await get("/api/runs/1")).json()) as any;
    expect(run.changes[0]).toMatchObject({ op: "create", after: { comment: hostileComment } });
    const drift = (await (await get("/api/drift")).json()) as any;
    expect(drift.stacks).toEqual([expect.objectContaining({ stack: "prod", count: 2, runId: 3 })]);
  });

  it("answers bad requests with one JSON error shape", async () => {
    const cases: [string, number, string][] = [
      ["/api/runs?limit=0", 400, "invalid-limit"], ["/api/runs/abc", 400, "invalid-run-id"],
      ["/api/runs/999", 404, "run-not-found"], ["/nope", 404, "not-found"],
    ];
    for (const [path, code, name] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(code);
      expect(await response.json()).toEqual({ error: { code: name, message: expect.any(String) } });
    }
    const wrongMethod = await post("/metrics", "{}");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });

  it("delivers broadcast events over SSE", async () => {
    const controller = new AbortController();
    const response = await fetch(`${status.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain("retry: 5000");
    await expect.poll(() => status.eventClients()).toBe(1);
    status.broadcast({ type: "run", data: { id: 42, result: "success" } });
    while (!/event: run\ndata: .*\n\n/.test(received)) received += decoder.decode((await reader.read()).value);
    expect(received).toMatch(/id: \d+\nevent: run\ndata: \{"id":42,"result":"success"\}\n\n/);
    controller.abort();
    await expect.poll(() => status.eventClients()).toBe(0);
  });
});

describe("server lifecycle", () => {
  it("sends heartbeats to idle SSE clients and closes promptly with clients connected", async () => {
    const small = await createStatusServer({ metrics: createMetrics({ defaultMetrics: false }), getStatus: () => buildStatusModel(history), heartbeatMs: 50 });
    const response = await fetch(`${small.url}/api/events`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes(": heartbeat")) received += decoder.decode((await reader.read()).value);
    expect(received).toMatch(/: heartbeat \d+\n\n/);
    const started = Date.now();
    await small.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await reader.read()).done).toBe(true);
  });

  it("refuses malformed request targets with 400 instead of crashing", async () => {
    for (const target of ["http://[", "//evil/metrics", "*"]) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(status.port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let data = "";
        socket.on("data", (chunk) => (data += chunk.toString()));
        socket.on("close", () => resolve(data.split("\r\n")[0] ?? ""));
        socket.on("error", reject);
      });
      expect(head, target).toBe("HTTP/1.1 400 Bad Request");
    }
    expect((await get("/healthz")).status).toBe(200);
  });

  it("answers HEAD like GET without a body", async () => {
    const response = await fetch(`${status.url}/healthz`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});

describe("POST /api/reconcile", () => {
  it("requires the bearer token, validates the body, queues, and rate-limits", async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const none = await post("/api/reconcile", '{"kind":"apply"}');
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post("/api/reconcile", '{"kind":"apply"}', { authorization: "Bearer wrong" })).status).toBe(401);
    expect(reconciles).toEqual([]);
    const invalid = await post("/api/reconcile", '{"kind":"destroy"}', auth);
    expect(invalid.status).toBe(400);
    const accepted = await post("/api/reconcile", '{"kind":"drift"}', auth);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ queued: true, coalesced: false, kind: "drift" });
    expect(reconciles).toEqual([{ kind: "drift" }]);
    expect((await post("/api/reconcile", '{"kind":"apply"}', auth)).status).toBe(202);
    expect((await post("/api/reconcile", '{"kind":"apply"}', auth)).status).toBe(202);
    const limited = await post("/api/reconcile", '{"kind":"apply"}', auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(reconciles).toHaveLength(3);
  });

  it("is disabled (503) when no admin token is configured", async () => {
    const bare = await createStatusServer({ metrics: createMetrics({ defaultMetrics: false }), getStatus: () => buildStatusModel(history) });
    try {
      const response = await fetch(`${bare.url}/api/reconcile`, { method: "POST", body: '{"kind":"apply"}', headers: { authorization: "Bearer x" } });
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).error.code).toBe("admin-disabled");
      const hook = await fetch(`${bare.url}/webhooks/github`, { method: "POST", body: "{}", headers: { "x-github-event": "push", "x-hub-signature-256": signPayload("", "{}") } });
      expect(hook.status).toBe(503);
    } finally {
      await bare.close();
    }
  });
});

describe("POST /webhooks/github", () => {
  const push = JSON.stringify({
    ref: "refs/heads/main", before: "0".repeat(40), after: "f".repeat(40), forced: true,
    repository: { full_name: "me/infra" }, head_commit: { id: "f".repeat(40), message: "Add www", author: { name: "Ada" } },
  });

  let deliveries = 0;
  function hook(body: string, headers: Record<string, string>) {
    return post("/webhooks/github", body, { "x-github-event": "push", "x-github-delivery": `d-${++deliveries}`, ...headers });
  }

  it("accepts a correctly signed push and hands it to the daemon", async () => {
    const response = await hook(push, { "x-hub-signature-256": signPayload(webhookSecret, push) });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: true, ref: "refs/heads/main", after: "f".repeat(40) });
    expect(pushes.at(-1)).toEqual({
      ref: "refs/heads/main", branch: "main", before: "0".repeat(40), after: "f".repeat(40), forced: true, deleted: false,
      repository: "me/infra", headCommit: { id: "f".repeat(40), message: "Add www", author: "Ada" }, deliveryId: `d-${deliveries}`,
    });
  });

  it("accepts GitHub's form-encoded delivery too", async () => {
    const body = new URLSearchParams({ payload: push }).toString();
    const response = await hook(body, { "content-type": "application/x-www-form-urlencoded", "x-hub-signature-256": signPayload(webhookSecret, body) });
    expect(response.status).toBe(202);
  });

  it("refuses a bad or missing signature with 401 and triggers nothing", async () => {
    const before = pushes.length;
    const wrongSecret = await hook(push, { "x-hub-signature-256": signPayload("not-the-secret", push) });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ error: { code: "bad-signature", message: expect.any(String) } });
    const tampered = await hook(push.replace("main", "prod"), { "x-hub-signature-256": signPayload(webhookSecret, push) });
    expect(tampered.status).toBe(401);
    expect((await hook(push, {})).status).toBe(401);
    expect((await hook(push, { "x-hub-signature-256": "sha256=abc" })).status).toBe(401);
    expect(pushes.length).toBe(before);
  });

  it("ignores other events, answers pings, and refuses oversized bodies", async () => {
    const before = pushes.length;
    const issue = '{"action":"opened"}';
    const ignored = await hook(issue, { "x-github-event": "issues", "x-hub-signature-256": signPayload(webhookSecret, issue) });
    expect(ignored.status).toBe(202);
    expect(await ignored.json()).toMatchObject({ ignored: true, event: "issues" });
    const ping = await hook("{}", { "x-github-event": "ping", "x-hub-signature-256": signPayload(webhookSecret, "{}") });
    expect(ping.status).toBe(200);
    const huge = JSON.stringify({ ref: "refs/heads/main", after: "f", padding: "x".repeat(70 * 1024) });
    expect((await hook(huge, { "x-hub-signature-256": signPayload(webhookSecret, huge) })).status).toBe(413);
    expect(pushes.length).toBe(before);
  });
});
