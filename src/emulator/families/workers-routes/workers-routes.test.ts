// The Workers routes family through the real SDK: create, list, get, update and delete in the SDK's
// shapes (checked by validateCaptured against its types), a duplicate pattern refused as
// Cloudflare refuses it (10020 workers.api.error.duplicate_route), malformed patterns (10022), an
// unknown route (10009), and the routes kept in the state file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../index.ts";
import { startWithClient, validateCaptured, type EmulatorClient } from "../../../../test/support/emulator-client.ts";

const running: EmulatorClient[] = [];
afterEach(async () => {
  for (const ctx of running.splice(0)) {
    validateCaptured(ctx.captured);
    await ctx.emulator.close();
  }
});

async function start(): Promise<{ ctx: EmulatorClient; zoneId: string }> {
  const ctx = await startWithClient({ zones: ["example.com"] });
  running.push(ctx);
  return { ctx, zoneId: (await ctx.client.zones.list()).result[0]!.id };
}

describe("Workers routes family", () => {
  it("creates, lists, gets, updates and deletes routes in the SDK's shapes", async () => {
    const { ctx, zoneId } = await start();
    const routes = ctx.client.workers.routes;
    const api = await routes.create({ zone_id: zoneId, pattern: "example.com/api/*", script: "api" });
    expect(api).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), pattern: "example.com/api/*", script: "api" });
    const none = await routes.create({ zone_id: zoneId, pattern: "example.com/api/health" });
    expect(none).toEqual({ id: expect.any(String), pattern: "example.com/api/health" });
    expect((await routes.list({ zone_id: zoneId })).result).toEqual([api, none]);
    expect(await routes.get(api.id, { zone_id: zoneId })).toEqual(api);
    expect(await routes.update(api.id, { zone_id: zoneId, pattern: "example.com/api/*", script: "api-v2" })).toEqual({ ...api, script: "api-v2" });
    expect(await routes.delete(none.id, { zone_id: zoneId })).toEqual({ id: none.id });
    expect((await routes.list({ zone_id: zoneId })).result.map((route) => route.pattern)).toEqual(["example.com/api/*"]);
  });

  it("refuses a duplicate pattern with 10020, on create and on update, and changes nothing", async () => {
    const { ctx, zoneId } = await start();
    const first = await ctx.client.workers.routes.create({ zone_id: zoneId, pattern: "example.com/*", script: "site" });
    const other = await ctx.client.workers.routes.create({ zone_id: zoneId, pattern: "shop.example.com/*", script: "shop" });
    const duplicate = await ctx.raw("POST", `/zones/${zoneId}/workers/routes`, { pattern: "example.com/*", script: "other" });
    expect([duplicate.status, duplicate.body.errors]).toEqual([409, [{ code: 10020, message: "workers.api.error.duplicate_route" }]]);
    await expect(ctx.client.workers.routes.update(other.id, { zone_id: zoneId, pattern: "example.com/*", script: "shop" })).rejects.toBeInstanceOf(Cloudflare.ConflictError);
    expect((await ctx.client.workers.routes.list({ zone_id: zoneId })).result).toEqual([first, other]);
  });

  it.each([
    ["a query string", "example.com/search?q=1"],
    ["a wildcard in the middle", "example.com/*.jpg"],
    ["a host outside the zone", "example.net/*"],
    ["no pattern", ""],
  ])("refuses %s with 10022", async (_what, pattern) => {
    const { ctx, zoneId } = await start();
    const response = await ctx.raw("POST", `/zones/${zoneId}/workers/routes`, { pattern, script: "x" });
    expect(response.status).toBe(400);
    expect((response.body.errors as Array<{ code: number }>)[0]!.code).toBe(10022);
    expect((await ctx.client.workers.routes.list({ zone_id: zoneId })).result).toEqual([]);
  });

  it("answers 10009 for a route that does not exist", async () => {
    const { ctx, zoneId } = await start();
    const response = await ctx.raw("GET", `/zones/${zoneId}/workers/routes/${"0".repeat(32)}`);
    expect([response.status, response.body.errors]).toEqual([404, [{ code: 10009, message: "workers.api.error.route_not_found" }]]);
  });

  it("keeps the routes in the state file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-emulator-routes-"));
    try {
      const first = await startEmulator({ statePath: join(dir, "state.json"), zones: ["example.com"] });
      const client = new Cloudflare({ apiToken: "t", baseURL: first.baseUrl, maxRetries: 0 });
      const zoneId = (await client.zones.list()).result[0]!.id;
      const route = await client.workers.routes.create({ zone_id: zoneId, pattern: "example.com/*", script: "site" });
      await first.close();
      const second = await startEmulator({ statePath: join(dir, "state.json") });
      const again = new Cloudflare({ apiToken: "t", baseURL: second.baseUrl, maxRetries: 0 });
      expect((await again.workers.routes.list({ zone_id: zoneId })).result).toEqual([route]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
