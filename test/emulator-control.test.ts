// Auth, fault injection, stats, reset and persistence of the emulator, with the real SDK as client.
// Success responses are validated against the OpenAPI schema and errors against Cloudflare's error
// envelope (validateCaptured in afterEach).
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

const running: EmulatorClient[] = [];
const dirs: string[] = [];

async function start(...args: Parameters<typeof startWithClient>): Promise<EmulatorClient> {
  const ctx = await startWithClient(...args);
  running.push(ctx);
  return ctx;
}

afterEach(async () => {
  for (const ctx of running.splice(0)) {
    validateCaptured(ctx.captured);
    await ctx.emulator.close();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function control(ctx: EmulatorClient, method: string, path: string, body?: unknown): Promise<{ status: number; body: { success: boolean; result: Record<string, unknown> } }> {
  const response = await fetch(`${ctx.emulator.baseUrl.replace("/client/v4", "")}/__emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { success: boolean; result: Record<string, unknown> } };
}

describe("auth", () => {
  it("answers a missing token with 401 and an unknown token with 403, in Cloudflare's error shape", async () => {
    const ctx = await start({ tokens: ["good-token"] }, "good-token");
    const missing = await ctx.raw("GET", "/zones", undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
    const wrong = await ctx.raw("GET", "/zones", undefined, "bad-token");
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors).toEqual([{ code: 9109, message: "Invalid access token" }]);
    const bad = new Cloudflare({ apiToken: "bad-token", baseURL: ctx.emulator.baseUrl, maxRetries: 0 });
    await expect(bad.zones.list()).rejects.toBeInstanceOf(Cloudflare.PermissionDeniedError);
    expect((await ctx.client.zones.list()).result).toEqual([]);
  });

  it("accepts any non-empty token by default", async () => {
    const ctx = await start({}, "whatever");
    expect((await ctx.client.user.tokens.verify()).status).toBe("active");
  });

  it("answers unknown routes with 7000 and wrong methods with 405", async () => {
    const ctx = await start();
    const unknown = await ctx.raw("GET", "/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ code: 7000, message: "No route for that URI" }]);
    const method = await ctx.raw("DELETE", "/zones");
    expect(method.status).toBe(405);
  });
});

describe("faults", () => {
  it("rate-limits past N requests per window with 429 and retry-after, which the SDK honours", async () => {
    const ctx = await start({ faults: { rateLimit: { limit: 2, windowMs: 1000 } } });
    await ctx.client.zones.list();
    await ctx.client.zones.list();
    const limited = await ctx.raw("GET", "/zones");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors).toEqual([{ code: 971, message: "Please wait and consider throttling your request speed" }]);
    const retrying = new Cloudflare({ apiToken: "t", baseURL: ctx.emulator.baseUrl, maxRetries: 2 });
    const started = Date.now();
    expect((await retrying.zones.list()).result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ctx.emulator.stats().counts["GET /zones 429"]).toBeGreaterThanOrEqual(2);
  });

  it("fails every Nth request with a 5xx", async () => {
    const ctx = await start({ faults: { errorEvery: { n: 3, status: 503 } } });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ctx.raw("GET", "/zones")).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
  });

  it("adds latency", async () => {
    const ctx = await start({ latencyMs: 150 });
    const started = Date.now();
    await ctx.client.zones.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    ctx.emulator.setFaults({});
    const again = Date.now();
    await ctx.client.zones.list();
    expect(Date.now() - again).toBeLessThan(140);
  });

  it("fails the next request matching a method and route, once, with the configured status and message", async () => {
    const ctx = await start({ zones: ["example.com"] });
    const zone = (await ctx.client.zones.list()).result[0]!;
    const set = await control(ctx, "PUT", "/faults", { failNext: [{ method: "POST", route: "/zones/{zone_id}/dns_records/batch", status: 502, message: "upstream broke" }] });
    expect(set.status).toBe(200);
    expect((await control(ctx, "GET", "/faults")).body.result.failNext).toHaveLength(1);
    const list = await ctx.raw("GET", `/zones/${zone.id}/dns_records`);
    expect(list.status).toBe(200);
    const batch = { posts: [{ name: "a", type: "A", content: "192.0.2.1", ttl: 1 }] };
    const failed = await ctx.raw("POST", `/zones/${zone.id}/dns_records/batch`, batch);
    expect(failed.status).toBe(502);
    expect(failed.body.errors).toEqual([{ code: 10001, message: "upstream broke" }]);
    expect((await ctx.client.dns.records.list({ zone_id: zone.id })).result).toEqual([]);
    const retried = await ctx.raw("POST", `/zones/${zone.id}/dns_records/batch`, batch);
    expect(retried.status).toBe(200);
  });

  it("matches failNext routes by concrete path with * wildcards, and turns a rate limit on at run time", async () => {
    const ctx = await start({ zones: ["example.com"] });
    const zone = (await ctx.client.zones.list()).result[0]!;
    await control(ctx, "POST", "/faults", { failNext: [{ route: `/zones/${zone.id}/*`, status: 500, count: 2 }] });
    expect((await ctx.raw("GET", `/zones/${zone.id}/settings`)).status).toBe(500);
    expect((await ctx.raw("GET", `/zones/${zone.id}/dns_records`)).status).toBe(500);
    expect((await ctx.raw("GET", `/zones/${zone.id}/dns_records`)).status).toBe(200);
    await control(ctx, "PUT", "/faults", { rateLimit: { limit: 1, windowMs: 60_000 } });
    expect((await ctx.raw("GET", "/zones")).status).toBe(200);
    const limited = await ctx.raw("GET", "/zones");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(50);
  });

  it("rejects an invalid fault configuration", async () => {
    const ctx = await start();
    const bad = await control(ctx, "PUT", "/faults", { errorEvery: { n: 0 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("errorEvery.n must be a positive integer");
  });
});

describe("stats and reset", () => {
  it("counts requests by method, route template and status, with an ordered log", async () => {
    const ctx = await start({ zones: ["example.com"] });
    const zone = (await ctx.client.zones.list()).result[0]!;
    await ctx.client.dns.records.list({ zone_id: zone.id });
    await ctx.raw("GET", `/zones/${zone.id}/dns_records/0123456789abcdef0123456789abcdef`);
    const stats = ctx.emulator.stats();
    expect(stats.counts).toEqual({ "GET /zones 200": 1, "GET /zones/{zone_id}/dns_records 200": 1, "GET /zones/{zone_id}/dns_records/{dns_record_id} 404": 1 });
    expect(stats.writes).toBe(0);
    expect(stats.requests.every((r) => r.method === "GET")).toBe(true);
    const viaHttp = await control(ctx, "GET", "/stats");
    expect(viaHttp.body.result.total).toBe(3);
  });

  it("reset clears data, stats and faults but keeps the configured zones", async () => {
    const ctx = await start({ zones: ["example.com"], faults: { latencyMs: 1 } });
    const zone = (await ctx.client.zones.list()).result[0]!;
    await ctx.client.dns.records.create({ zone_id: zone.id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "extra.org" });
    expect((await control(ctx, "POST", "/reset")).body.result).toEqual({ reset: true });
    expect(ctx.emulator.stats().total).toBe(0);
    expect((await control(ctx, "GET", "/faults")).body.result.latencyMs).toBeUndefined();
    const zones = (await ctx.client.zones.list()).result;
    expect(zones.map((z) => z.name)).toEqual(["example.com"]);
    expect((await ctx.client.dns.records.list({ zone_id: zones[0]!.id })).result).toEqual([]);
  });
});

describe("seeding", () => {
  it("seeds a read-only record over HTTP that the API then refuses to delete", async () => {
    const ctx = await start({ zones: ["example.com"] });
    const zone = (await ctx.client.zones.list()).result[0]!;
    const seeded = await control(ctx, "POST", `/zones/${zone.id}/dns_records`, { name: "@", type: "MX", content: "route1.mx.cloudflare.net", priority: 10, ttl: 1, read_only: true });
    expect(seeded.status).toBe(200);
    const id = seeded.body.result.id as string;
    const listed = await ctx.client.dns.records.list({ zone_id: zone.id });
    expect(listed.result.map((r) => [r.id, r.meta])).toEqual([[id, expect.objectContaining({ read_only: true })]]);
    const del = await ctx.raw("DELETE", `/zones/${zone.id}/dns_records/${id}`);
    expect(del.status).toBe(400);
    expect((await ctx.client.dns.records.list({ zone_id: zone.id })).result).toHaveLength(1);
    const unknownZone = await control(ctx, "POST", "/zones/0123456789abcdef0123456789abcdef/dns_records", { name: "x", type: "A", content: "192.0.2.1" });
    expect(unknownZone.status).toBe(404);
  });
});

describe("persistence", () => {
  it("round-trips every kind of state through --state, written atomically", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-emulator-"));
    dirs.push(dir);
    const statePath = join(dir, "nested", "state.json");
    const first = await start({ statePath, accountId: "1234567890abcdef1234567890abcdef" });
    const { client } = first;
    const zone = await client.zones.create({ account: { id: first.emulator.accountId }, name: "example.com" });
    const record = await client.dns.records.create({ zone_id: zone.id, name: "www", type: "TXT", content: "hello world", ttl: 300, comment: "c" });
    await client.zones.settings.edit("ssl", { zone_id: zone.id, value: "strict" } as never);
    await client.rulesets.phases.update("http_request_firewall_custom", { zone_id: zone.id, rules: [{ ref: "r1", action: "block", expression: "ip.src eq 192.0.2.1" }] });
    const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: first.emulator.accountId, name: "home-pi", config_src: "cloudflare" });
    await client.zeroTrust.tunnels.cloudflared.configurations.update(tunnel.id!, { account_id: first.emulator.accountId, config: { ingress: [{ hostname: "*", service: "http_status:404" }] } });
    await first.emulator.close();
    running.splice(running.indexOf(first), 1);
    validateCaptured(first.captured);
    const files = await readdir(join(dir, "nested"));
    expect(files).toEqual(["state.json"]);

    // Restarted without --account-id: the state file's account is kept.
    const second = await start({ statePath });
    expect(second.emulator.accountId).toBe("1234567890abcdef1234567890abcdef");
    const c = second.client;
    expect(await c.dns.records.get(record.id, { zone_id: zone.id })).toMatchObject({ content: '"hello world"', ttl: 300, comment: "c" });
    expect(((await c.zones.settings.get("ssl", { zone_id: zone.id })) as { value: unknown }).value).toBe("strict");
    expect(((await c.rulesets.phases.get("http_request_firewall_custom", { zone_id: zone.id })) as { rules: Array<{ ref: string }> }).rules.map((r) => r.ref)).toEqual(["r1"]);
    expect((await c.zeroTrust.tunnels.cloudflared.configurations.get(tunnel.id!, { account_id: second.emulator.accountId })).version).toBe(1);
    // The indexes are rebuilt: a conflicting CNAME is still refused.
    const conflict = await second.raw("POST", `/zones/${zone.id}/dns_records`, { name: "www", type: "CNAME", content: "x.example.net", ttl: 1 });
    expect(conflict.status).toBe(400);
  });

  it("refuses a state file that is not the emulator's, naming it, and leaves it alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-emulator-"));
    dirs.push(dir);
    const statePath = join(dir, "state.json");
    await writeFile(statePath, "{ not json");
    await expect(startWithClient({ statePath })).rejects.toThrow(`emulator state file ${statePath} is not valid JSON`);
    expect(await readFile(statePath, "utf8")).toBe("{ not json");
  });
});
