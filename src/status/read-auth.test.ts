// CFGITOPS_READ_TOKEN on a real server: the page and read API need it, health (and metrics unless
// protected) stay open, wrong tokens are counted with the write routes' failures and change nothing.
import { afterEach, describe, expect, it } from "vitest";
import { openHistory, type HistoryStore } from "../history/store.ts";
import { ConfigError } from "../shared/errors.ts";
import { createMetrics } from "./metrics.ts";
import { buildStatusModel } from "./model.ts";
import { presentedToken, readAccessFromEnv, type ReadAccess } from "./read-auth.ts";
import { createStatusServer, type ReconcileRequest, type StatusServer } from "./server.ts";
import { seedHistory } from "./test-fixtures.ts";

const readToken = "read-token-for-tests-0123456789abcdef";
const adminToken = "admin-token-for-tests-0123456789";

let history: HistoryStore | undefined;
let status: StatusServer | undefined;
const reconciles: ReconcileRequest[] = [];

async function start(readAccess: ReadAccess, authFailures = { max: 10, windowMs: 60_000 }): Promise<StatusServer> {
  history = openHistory(":memory:");
  seedHistory(history);
  const store = history;
  status = await createStatusServer({
    metrics: createMetrics({ defaultMetrics: false }), history: store, adminToken, readAccess, limits: { authFailures },
    getStatus: () => buildStatusModel(store, { stacks: [{ name: "prod" }] }),
    onReconcile: (request) => {
      reconciles.push(request);
      return { queued: true };
    },
  });
  return status;
}

afterEach(async () => {
  await status?.close();
  history?.close();
  status = undefined;
  history = undefined;
  reconciles.length = 0;
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function get(path: string, authorization?: string): Promise<Response> {
  const controller = new AbortController();
  const response = await fetch(`${status!.url}${path}`, { headers: authorization ? { authorization } : {}, signal: controller.signal });
  // /api/events never ends: read the status, then hang up.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) controller.abort();
  return response;
}

const readRoutes = ["/", "/index.html", "/status.json", "/api/status", "/api/runs", "/api/runs/1", "/api/drift", "/api/events"];

describe("with CFGITOPS_READ_TOKEN", () => {
  it("refuses the page, static files and read API without the token: 401 with Basic and Bearer challenges, no data", async () => {
    await start({ readToken });
    for (const path of readRoutes) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate"), path).toBe('Basic realm="cf-gitops", charset="UTF-8", Bearer realm="cf-gitops"');
      const body = await response.text();
      expect(body, path).toContain('"code":"unauthorized"');
      expect(body, path).not.toMatch(/prod|example\.com|1a2b3c4/);
    }
    expect(status!.eventClients()).toBe(0);
  });

  it("serves them with HTTP Basic (any user, the token as password) and with Bearer; the admin token grants read too", async () => {
    await start({ readToken });
    for (const authorization of [basic("anyone", readToken), basic("", readToken), `Bearer ${readToken}`, `bearer ${adminToken}`, basic("admin", adminToken)]) {
      for (const path of readRoutes) expect((await get(path, authorization)).status, `${path} with ${authorization.split(" ")[0]}`).toBe(200);
    }
    const page = await (await get("/", basic("x", readToken))).text();
    expect(page).toContain("Stack <span class=\"name\">prod</span>");
  });

  it("leaves health and metrics open unless CFGITOPS_PROTECT_METRICS is set", async () => {
    await start({ readToken, protectMetrics: false });
    for (const path of ["/healthz", "/readyz", "/metrics"]) expect((await get(path)).status, path).toBe(200);
  });

  it("gives a wrong token 401, counts it against the address's failure budget (shared with POST /api/reconcile), then 429; the right token still works", async () => {
    await start({ readToken }, { max: 3, windowMs: 60_000 });
    const runs = history!.listRuns().length;
    // A request without credentials guesses nothing: not counted.
    for (let index = 0; index < 5; index++) expect((await get("/api/status")).status).toBe(401);
    expect((await get("/api/status", basic("x", readToken))).status).toBe(200);
    for (const wrong of [basic("x", "guess-1"), `Bearer ${readToken}x`, "Basic not-base64!"]) {
      const response = await get("/api/runs", wrong);
      expect(response.status).toBe(401);
      expect((await response.json()) as unknown).toEqual({ error: { code: "unauthorized", message: "wrong read token" } });
    }
    // Over budget: a wrong token is refused (429) on every guarded route, and changes nothing...
    const refused = await get("/api/status", basic("x", "guess-4"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    const guessed = await fetch(`${status!.url}/api/reconcile`, { method: "POST", body: '{"kind":"apply"}', headers: { authorization: "Bearer guess-5" } });
    expect(guessed.status).toBe(429);
    expect(reconciles).toEqual([]);
    expect(history!.listRuns()).toHaveLength(runs);
    expect(status!.eventClients()).toBe(0);
    // ...while the right tokens still work from that address (issue 22 item 8).
    expect((await get("/api/status", basic("x", readToken))).status).toBe(200);
    const admin = await fetch(`${status!.url}/api/reconcile`, { method: "POST", body: '{"kind":"apply"}', headers: { authorization: `Bearer ${adminToken}` } });
    expect(admin.status).toBe(202);
    expect(reconciles).toEqual([{ kind: "apply" }]);
    // Health stays answerable.
    expect((await get("/healthz")).status).toBe(200);
  });
});

describe("with CFGITOPS_PROTECT_METRICS", () => {
  it("makes /metrics need the read token (401 without, 200 with Basic or Bearer) while health stays open", async () => {
    await start({ readToken, protectMetrics: true });
    const refused = await get("/metrics");
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("cfgitops_");
    expect((await get("/metrics", basic("prometheus", readToken))).status).toBe(200);
    const metrics = await get("/metrics", `Bearer ${readToken}`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("cfgitops_runs_total");
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/readyz")).status).toBe(200);
  });
});

describe("without a read token", () => {
  it("keeps every read route open, as before", async () => {
    await start({});
    for (const path of [...readRoutes, "/metrics"]) expect((await get(path)).status, path).toBe(200);
  });
});

describe("readAccessFromEnv and presentedToken", () => {
  it("reads the two variables and refuses settings that cannot work", () => {
    expect(readAccessFromEnv({})).toEqual({ protectMetrics: false });
    expect(readAccessFromEnv({ CFGITOPS_READ_TOKEN: readToken, CFGITOPS_PROTECT_METRICS: "1" })).toEqual({ readToken, protectMetrics: true });
    expect(readAccessFromEnv({ CFGITOPS_READ_TOKEN: " ", CFGITOPS_PROTECT_METRICS: "false" })).toEqual({ protectMetrics: false });
    expect(() => readAccessFromEnv({ CFGITOPS_PROTECT_METRICS: "yes" })).toThrow(ConfigError);
    expect(() => readAccessFromEnv({ CFGITOPS_PROTECT_METRICS: "yes" })).toThrow(/CFGITOPS_READ_TOKEN is not/);
    expect(() => readAccessFromEnv({ CFGITOPS_READ_TOKEN: readToken, CFGITOPS_PROTECT_METRICS: "maybe" })).toThrow(/not a yes\/no value/);
  });

  it("takes the Bearer token, or the password of Basic (which may hold colons)", () => {
    expect(presentedToken(`Bearer ${readToken}`)).toBe(readToken);
    expect(presentedToken(basic("user", "pa:ss"))).toBe("pa:ss");
    expect(presentedToken(`Basic ${Buffer.from("no-colon").toString("base64")}`)).toBe("");
    expect(presentedToken("Digest abc")).toBe("");
  });
});
