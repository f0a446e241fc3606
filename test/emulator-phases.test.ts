// The three phase entrypoints issue 14 manages: rate limiting (http_ratelimit), cache rules
// (http_request_cache_settings) and single redirects (http_request_dynamic_redirect), through the
// real SDK. Each phase accepts only its own action and rule parameters, and PUT replaces its rules.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Cloudflare from "cloudflare";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;
let client: Cloudflare;
let zoneId: string;

beforeEach(async () => {
  ctx = await startWithClient();
  client = ctx.client;
  zoneId = (await client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" })).id;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

/** The fields of the SDK's PhaseUpdateResponse these tests read. */
interface Ruleset {
  id: string;
  version: string;
  phase: string;
  rules: Array<Record<string, unknown> & { id: string; ref: string; version: string }>;
}

async function update(phase: string, rules: unknown[]): Promise<Ruleset> {
  return (await client.rulesets.phases.update(phase as never, { zone_id: zoneId, rules } as never)) as unknown as Ruleset;
}

async function read(phase: string): Promise<Ruleset> {
  return (await client.rulesets.phases.get(phase as never, { zone_id: zoneId })) as unknown as Ruleset;
}

function put(phase: string, rules: unknown[]) {
  return ctx.raw("PUT", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`, { rules });
}

function errorsOf(response: { body: Record<string, unknown> }): Array<{ code: number; message: string; source?: { pointer: string } }> {
  return response.body.errors as Array<{ code: number; message: string; source?: { pointer: string } }>;
}

const loginBurst = {
  ref: "login-burst",
  description: "Slow down login bursts",
  expression: '(http.request.uri.path eq "/login")',
  action: "block",
  ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 20, mitigation_timeout: 600 },
};

describe("http_ratelimit", () => {
  it("stores rate limiting rules with their ratelimit object and source rate_limit", async () => {
    const ruleset = await update("http_ratelimit", [loginBurst]);
    expect(ruleset).toMatchObject({ phase: "http_ratelimit", kind: "zone", version: "1" });
    expect((ruleset as unknown as { source: string }).source).toBe("rate_limit");
    expect(ruleset.rules[0]).toMatchObject({ ref: "login-burst", action: "block", ratelimit: loginBurst.ratelimit });
  });

  it("refuses characteristics without cf.colo.id, periods and timeouts Cloudflare does not offer, and other actions", async () => {
    const bad = await put("http_ratelimit", [
      { ...loginBurst, ref: "a", ratelimit: { ...loginBurst.ratelimit, characteristics: ["ip.src"] } },
      { ...loginBurst, ref: "b", ratelimit: { ...loginBurst.ratelimit, period: 30 } },
      { ...loginBurst, ref: "c", ratelimit: { ...loginBurst.ratelimit, mitigation_timeout: 45 } },
      { ...loginBurst, ref: "d", action: "skip" },
      { ...loginBurst, ref: "e", ratelimit: undefined },
    ]);
    expect(bad.status).toBe(400);
    expect(errorsOf(bad).map((e) => [e.code, e.source?.pointer])).toEqual([
      [20021, "/rules/0/ratelimit/characteristics"],
      [20021, "/rules/1/ratelimit/period"],
      [20021, "/rules/2/ratelimit/mitigation_timeout"],
      [20021, "/rules/3/action"],
      [20021, "/rules/4/ratelimit"],
    ]);
    expect(errorsOf(bad)[0]!.message).toContain("characteristics must include cf.colo.id");
    expect((await ctx.raw("GET", `/zones/${zoneId}/rulesets/phases/http_ratelimit/entrypoint`)).status).toBe(404);
  });
});

describe("http_request_cache_settings", () => {
  const staticAssets = {
    ref: "static-assets",
    expression: '(http.request.uri.path.extension in {"css" "js" "png"})',
    action: "set_cache_settings",
    action_parameters: { cache: true, edge_ttl: { mode: "override_origin", default: 86400 }, browser_ttl: { mode: "respect_origin" } },
  };

  it("stores cache rules without a source key, and with no description key when none is given", async () => {
    const ruleset = await update("http_request_cache_settings", [staticAssets]);
    expect(Object.keys(ruleset)).not.toContain("source");
    expect(ruleset.rules[0]).toMatchObject({ ref: "static-assets", action: "set_cache_settings", action_parameters: staticAssets.action_parameters });
    expect(Object.keys(ruleset.rules[0]!)).not.toContain("description");
  });

  it("checks the TTL modes and when a default is needed", async () => {
    const bad = await put("http_request_cache_settings", [
      { ...staticAssets, ref: "a", action_parameters: { cache: true, edge_ttl: { mode: "override_origin" } } },
      { ...staticAssets, ref: "b", action_parameters: { cache: true, browser_ttl: { mode: "forever" } } },
      { ...staticAssets, ref: "c", action_parameters: { cache: true, browser_ttl: { mode: "respect_origin", default: 60 } } },
      { ...staticAssets, ref: "d", action: "block" },
    ]);
    expect(errorsOf(bad).map((e) => e.source?.pointer)).toEqual([
      "/rules/0/action_parameters/edge_ttl/default",
      "/rules/1/action_parameters/browser_ttl/mode",
      "/rules/2/action_parameters/browser_ttl/default",
      "/rules/3/action",
    ]);
  });
});

describe("http_request_dynamic_redirect", () => {
  const wwwToApex = {
    ref: "www-to-apex",
    expression: '(http.host eq "www.example.com")',
    action: "redirect",
    action_parameters: { from_value: { target_url: { expression: 'concat("https://example.com", http.request.uri.path)' }, status_code: 301, preserve_query_string: true } },
  };

  it("stores redirects, and a PUT replaces every rule of the phase", async () => {
    const first = await update("http_request_dynamic_redirect", [
      wwwToApex,
      { ...wwwToApex, ref: "old-blog", expression: 'starts_with(http.request.uri.path, "/blog")', action_parameters: { from_value: { target_url: { value: "https://blog.example.com" }, status_code: 302 } } },
    ]);
    expect(first.rules.map((r) => r.ref)).toEqual(["www-to-apex", "old-blog"]);
    const second = await update("http_request_dynamic_redirect", [wwwToApex]);
    expect(second.version).toBe("2");
    expect(second.rules.map((r) => [r.ref, r.id, r.version])).toEqual([["www-to-apex", first.rules[0]!.id, "1"]]);
    expect((await read("http_request_dynamic_redirect")).rules).toHaveLength(1);
  });

  it("needs exactly one of target_url value or expression and a redirect status code", async () => {
    const bad = await put("http_request_dynamic_redirect", [
      { ...wwwToApex, ref: "a", action_parameters: { from_value: { target_url: { value: "https://a", expression: "b" } } } },
      { ...wwwToApex, ref: "b", action_parameters: { from_value: { target_url: { value: "https://a" }, status_code: 304 } } },
      { ...wwwToApex, ref: "c", action_parameters: {} },
      { ...wwwToApex, ref: "d", action: "set_cache_settings" },
    ]);
    expect(errorsOf(bad).map((e) => e.source?.pointer)).toEqual([
      "/rules/0/action_parameters/from_value/target_url",
      "/rules/1/action_parameters/from_value/status_code",
      "/rules/2/action_parameters/from_value",
      "/rules/3/action",
    ]);
  });
});

describe("one entrypoint per phase", () => {
  it("refuses a second ruleset for a phase with Cloudflare's 20217 error", async () => {
    await update("http_ratelimit", [loginBurst]);
    const again = await ctx.raw("POST", `/zones/${zoneId}/rulesets`, { name: "mine", kind: "zone", phase: "http_ratelimit", rules: [] });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([
      { code: 20217, message: "'zone' is not a valid value for kind because exceeded maximum number of zone rulesets for phase http_ratelimit", source: { pointer: "/kind" } },
    ]);
  });
});
