import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/index.ts";
import { RateLimitError } from "../../shared/errors.ts";
import { silentLogger } from "../../shared/logger.ts";
import { call } from "./call.ts";
import { createClient, routeOf, type RequestEvent } from "./client.ts";

describe("native client", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ zones: ["client.example"] });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("templates ids out of routes", () => {
    expect(routeOf("http://127.0.0.1:1/client/v4/zones/0123456789abcdef0123456789abcdef/dns_records/batch?x=1")).toBe("/zones/{id}/dns_records/batch");
    expect(routeOf("https://api.cloudflare.com/client/v4/accounts/0123456789abcdef0123456789abcdef/cfd_tunnel/0e39f0b2-7e5e-467a-aeef-72c5eb8dfb62/configurations")).toBe(
      "/accounts/{id}/cfd_tunnel/{id}/configurations",
    );
  });

  it("reports every attempt to onRequest and waits out a 429 as retry-after says", async () => {
    const events: RequestEvent[] = [];
    const client = createClient({ apiToken: "t", baseUrl: emulator.baseUrl, log: silentLogger(), onRequest: (e) => events.push(e) });
    emulator.setFaults({ rateLimit: { limit: 1, windowMs: 1000 } });
    const started = Date.now();
    await client.zones.list();
    await client.zones.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(events.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual(["GET /zones 200", "GET /zones 429", "GET /zones 200"]);
    emulator.setFaults({});
  });

  it("turns an exhausted budget into RateLimitError and API errors into their message", async () => {
    const client = createClient({ apiToken: "t", baseUrl: emulator.baseUrl, log: silentLogger(), retry: { maxRetries: 1, maxWaitMs: 100 } });
    emulator.setFaults({ rateLimit: { limit: 0, windowMs: 60_000 } });
    await expect(call("list zones", () => client.zones.list())).rejects.toThrow(RateLimitError);
    emulator.setFaults({});
    await expect(call("read zone nope", () => client.zones.get({ zone_id: "0123456789abcdef0123456789abcdef" }))).rejects.toThrow(
      /while trying to read zone nope: HTTP 404: .+\(code \d+\)/,
    );
  });
});
