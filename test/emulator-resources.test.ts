// Accounts, token verification, zones, settings, ruleset entrypoints, tunnels and cache purge through
// the real `cloudflare` SDK. Every response is validated against the OpenAPI schema in afterEach;
// GET /accounts and purge_cache (absent from the 2024 schema) are checked against the SDK types
// named in test/support/emulator-client.ts by the assertions below.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Cloudflare from "cloudflare";

/** The fields of the SDK's PhaseUpdateResponse these tests read. */
interface Ruleset {
  id: string;
  version: string;
  rules: Array<{ id: string; ref?: string; version: string; enabled?: boolean; last_updated: string }>;
}
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;
let client: Cloudflare;
let accountId: string;

beforeEach(async () => {
  ctx = await startWithClient({ accountId: "aaaabbbbccccddddeeeeffff00001111" });
  client = ctx.client;
  accountId = ctx.emulator.accountId;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

async function newZone(name = "example.com"): Promise<string> {
  return (await client.zones.create({ account: { id: accountId }, name })).id;
}

describe("accounts and tokens", () => {
  it("lists the one account, named by the accountId option (SDK type Account: id, name)", async () => {
    const accounts = [];
    for await (const account of client.accounts.list()) accounts.push(account);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: "aaaabbbbccccddddeeeeffff00001111", name: expect.any(String) });
  });

  it("verifies the token", async () => {
    const verified = await client.user.tokens.verify();
    expect(verified).toMatchObject({ status: "active", id: expect.any(String) });
  });
});

describe("zones", () => {
  it("creates a zone with a 32-hex id in the account and finds it by name and account.id", async () => {
    const id = await newZone("Example.COM");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await newZone("example.org");
    const byName = await client.zones.list({ name: "example.com" });
    expect(byName.result.map((z) => z.name)).toEqual(["example.com"]);
    const byAccount = await client.zones.list({ account: { id: accountId } });
    expect(byAccount.result.map((z) => z.name)).toEqual(["example.com", "example.org"]);
    const otherAccount = await client.zones.list({ account: { id: "ffffffffffffffffffffffffffffffff" } });
    expect(otherAccount.result).toEqual([]);
    const zone = await client.zones.get({ zone_id: id });
    expect(zone).toMatchObject({ id, name: "example.com", account: { id: accountId }, status: "active" });
  });

  it("requires account.id, refuses duplicates (1061) and an unknown zone id (1003)", async () => {
    const noAccount = await ctx.raw("POST", "/zones", { name: "example.net" });
    expect(noAccount.status).toBe(400);
    expect(JSON.stringify(noAccount.body.errors)).toContain("account.id is required");
    await newZone("example.net");
    const dup = await ctx.raw("POST", "/zones", { name: "example.net", account: { id: accountId } });
    expect(dup.body.errors).toEqual([{ code: 1061, message: "example.net already exists" }]);
    const unknown = await ctx.raw("GET", "/zones/0123456789abcdef0123456789abcdef");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ code: 1003, message: "Invalid or missing zone id." }]);
    const malformed = await ctx.raw("GET", "/zones/not-an-id/dns_records");
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as Array<{ code: number }>)[0]!.code).toBe(7003);
  });

  it("pages zones with at most 50 per page", async () => {
    for (let i = 0; i < 7; i++) await newZone(`zone${i}.example`);
    const page = await client.zones.list({ per_page: 5, page: 2 });
    expect(page.result.map((z) => z.name)).toEqual(["zone5.example", "zone6.example"]);
    const tooMany = await ctx.raw("GET", "/zones?per_page=51");
    expect(tooMany.status).toBe(400);
  });
});

describe("zone settings", () => {
  it("reads all and one with defaults, edits one, bulk-edits several, and validates values", async () => {
    const zoneId = await newZone();
    const all = (await client.get(`/zones/${zoneId}/settings`)) as { result: Array<{ id: string; value: unknown }> };
    const values = Object.fromEntries(all.result.map((s) => [s.id, s.value]));
    expect(values).toMatchObject({ ssl: "full", min_tls_version: "1.0", always_use_https: "off", security_level: "medium", browser_cache_ttl: 14400, http3: "on" });

    const ssl = await client.zones.settings.get("ssl", { zone_id: zoneId });
    expect(ssl).toMatchObject({ id: "ssl", value: "full", editable: true, modified_on: null });
    const edited = await client.zones.settings.edit("ssl", { zone_id: zoneId, value: "strict" } as never);
    expect(edited).toMatchObject({ id: "ssl", value: "strict", modified_on: expect.any(String) });

    const bulk = (await client.patch(`/zones/${zoneId}/settings`, { body: { items: [{ id: "min_tls_version", value: "1.2" }, { id: "always_use_https", value: "on" }] } })) as { result: Array<{ id: string; value: unknown }> };
    expect(bulk.result.map((s) => [s.id, s.value])).toEqual([["min_tls_version", "1.2"], ["always_use_https", "on"]]);
    expect(((await client.zones.settings.get("min_tls_version", { zone_id: zoneId })) as { value: unknown }).value).toBe("1.2");

    const bad = await ctx.raw("PATCH", `/zones/${zoneId}/settings/ssl`, { value: "sometimes" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ code: number; message: string }>)[0]).toMatchObject({ code: 1007, message: expect.stringContaining('"strict"') });
    // A bulk edit with one bad item changes nothing.
    const badBulk = await ctx.raw("PATCH", `/zones/${zoneId}/settings`, { items: [{ id: "ssl", value: "off" }, { id: "browser_cache_ttl", value: 7 }] });
    expect(badBulk.status).toBe(400);
    expect(((await client.zones.settings.get("ssl", { zone_id: zoneId })) as { value: unknown }).value).toBe("strict");
    const unknown = await ctx.raw("GET", `/zones/${zoneId}/settings/no_such_setting`);
    expect(unknown.status).toBe(404);
  });
});

describe("ruleset entrypoints", () => {
  const phase = "http_request_firewall_custom";

  it("returns 404 for a phase without an entrypoint", async () => {
    const zoneId = await newZone();
    const response = await ctx.raw("GET", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body.errors)).toContain("could not find entrypoint ruleset");
  });

  it("PUT replaces every rule; rules get id, version, last_updated; refs are kept; the ruleset version goes up", async () => {
    const zoneId = await newZone();
    // (The 2024 schema's RuleAction pattern ^[a-z]+$ rejects underscores, so managed_challenge and
    // js_challenge responses cannot pass it; these tests use block and challenge.)
    const first = (await client.rulesets.phases.update(phase, {
      zone_id: zoneId,
      rules: [
        { ref: "block-bad-bots", action: "block", expression: '(cf.client.bot) and not (http.user_agent contains "good")', description: "bots" },
        { ref: "challenge-admin", action: "challenge", expression: 'starts_with(http.request.uri.path, "/admin")' },
      ],
    })) as Ruleset;
    expect(first).toMatchObject({ phase, kind: "zone", version: "1" });
    expect(first.rules.map((r) => [r.ref, r.version, r.enabled])).toEqual([["block-bad-bots", "1", true], ["challenge-admin", "1", true]]);
    for (const rule of first.rules) expect(rule).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), last_updated: expect.any(String) });

    const second = (await client.rulesets.phases.update(phase, {
      zone_id: zoneId,
      rules: [{ ref: "challenge-admin", action: "challenge", expression: 'starts_with(http.request.uri.path, "/admin")', enabled: false }],
    })) as Ruleset;
    expect(second.version).toBe("2");
    expect(second.id).toBe(first.id);
    expect(second.rules).toHaveLength(1);
    expect(second.rules[0]).toMatchObject({ ref: "challenge-admin", id: first.rules[1]!.id, version: "2", enabled: false });
    const got = await client.rulesets.phases.get(phase, { zone_id: zoneId });
    expect(got.rules.map((r) => r.ref)).toEqual(["challenge-admin"]);
  });

  it("serves the by-id endpoints the Pulumi provider uses: create, list, get, update, delete", async () => {
    const zoneId = await newZone();
    const created = (await client.rulesets.create({ zone_id: zoneId, name: "custom", kind: "zone", phase, rules: [{ ref: "r1", action: "block", expression: "ip.src eq 192.0.2.1" }] })) as Ruleset;
    expect(created.version).toBe("1");
    const again = await ctx.raw("POST", `/zones/${zoneId}/rulesets`, { name: "custom", kind: "zone", phase, rules: [] });
    expect(again.status).toBe(400);
    const listed = await client.rulesets.list({ zone_id: zoneId });
    expect(listed.result.map((r) => [r.id, r.phase])).toEqual([[created.id, phase]]);
    expect((await client.rulesets.phases.get(phase, { zone_id: zoneId })).id).toBe(created.id);
    const updated = (await client.rulesets.update(created.id, { zone_id: zoneId, rules: [{ ref: "r1", action: "log", expression: "ip.src eq 192.0.2.1" }] })) as Ruleset;
    expect(updated.version).toBe("2");
    expect(((await client.rulesets.get(created.id, { zone_id: zoneId })) as Ruleset).rules.map((r) => r.version)).toEqual(["2"]);
    await client.rulesets.delete(created.id, { zone_id: zoneId });
    expect((await ctx.raw("GET", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`)).status).toBe(404);
  });

  it("rejects a bad action or expression and keeps the old rules", async () => {
    const zoneId = await newZone();
    await client.rulesets.phases.update(phase, { zone_id: zoneId, rules: [{ ref: "a", action: "block", expression: "ip.src eq 192.0.2.1" }] });
    const bad = await ctx.raw("PUT", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`, { rules: [{ action: "redirect", expression: "(true" }] });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(bad.body.errors);
    expect(text).toContain("rules[0].action");
    expect(text).toContain("unclosed '('");
    expect((await client.rulesets.phases.get(phase, { zone_id: zoneId })).version).toBe("1");
  });
});

describe("tunnels", () => {
  it("creates, lists by name and is_deleted, gets, and configures ingress ending in a catch-all", async () => {
    const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: accountId, name: "home-pi", config_src: "cloudflare" });
    expect(tunnel).toMatchObject({ name: "home-pi", id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await client.zeroTrust.tunnels.cloudflared.create({ account_id: accountId, name: "other" });
    const listed = await client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, name: "home-pi", is_deleted: false });
    expect(listed.result.map((t) => t.id)).toEqual([tunnel.id]);
    expect((await client.zeroTrust.tunnels.cloudflared.get(tunnel.id!, { account_id: accountId })).name).toBe("home-pi");

    const empty = await client.zeroTrust.tunnels.cloudflared.configurations.get(tunnel.id!, { account_id: accountId });
    expect(empty).toMatchObject({ tunnel_id: tunnel.id, version: 0 });
    const ingress = [
      { hostname: "grafana.example.com", service: "http://localhost:3000" },
      { hostname: "*", service: "http_status:404" },
    ];
    const put = await client.zeroTrust.tunnels.cloudflared.configurations.update(tunnel.id!, { account_id: accountId, config: { ingress } });
    expect(put).toMatchObject({ version: 1, config: { ingress } });
    const got = await client.zeroTrust.tunnels.cloudflared.configurations.get(tunnel.id!, { account_id: accountId });
    expect(got.config?.ingress).toEqual(ingress);
    const dup = await ctx.raw("POST", `/accounts/${accountId}/cfd_tunnel`, { name: "home-pi" });
    expect(dup.status).toBe(409);
    const otherAccount = await ctx.raw("GET", "/accounts/ffffffffffffffffffffffffffffffff/cfd_tunnel");
    expect(otherAccount.status).toBe(403);
    expect(otherAccount.body.errors).toEqual([{ code: 10000, message: "Authentication error" }]);
  });

  it("accepts a catch-all without hostname (as cloudflared writes it) and rejects ingress whose last rule is not a catch-all", async () => {
    const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: accountId, name: "t", config_src: "cloudflare" });
    const path = `/accounts/${accountId}/cfd_tunnel/${tunnel.id}/configurations`;
    const bad = await ctx.raw("PUT", path, { config: { ingress: [{ hostname: "a.example.com", service: "http://localhost:1" }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain("The last ingress rule must match all URLs");
    const badPath = await ctx.raw("PUT", path, { config: { ingress: [{ path: "/x", service: "http_status:404" }] } });
    expect(badPath.status).toBe(400);
    // The schema (and SDK type) mark ingress hostname as required, but the API stores a bare catch-all;
    // so this response is checked here rather than by the schema.
    const ok = await fetch(`${ctx.emulator.baseUrl}${path}`, {
      method: "PUT",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify({ config: { ingress: [{ hostname: "a.example.com", service: "http://localhost:1" }, { service: "http_status:404" }] } }),
    });
    const body = (await ok.json()) as { success: boolean; result: { version: number; config: { ingress: unknown[] } } };
    expect(ok.status).toBe(200);
    expect(body).toMatchObject({ success: true, result: { version: 1, config: { ingress: [{ hostname: "a.example.com" }, { service: "http_status:404" }] } } });
  });
});

describe("purge_cache", () => {
  it("purges by hosts or everything (SDK type CachePurgeResponse: { id }) and rejects mixed or empty requests", async () => {
    const zoneId = await newZone();
    const hosts = await client.cache.purge({ zone_id: zoneId, hosts: ["www.example.com"] });
    expect(hosts).toEqual({ id: zoneId });
    const everything = await client.cache.purge({ zone_id: zoneId, purge_everything: true });
    expect(everything).toEqual({ id: zoneId });
    expect(ctx.emulator.purges().map((p) => p.body)).toEqual([{ hosts: ["www.example.com"] }, { purge_everything: true }]);
    const mixed = await ctx.raw("POST", `/zones/${zoneId}/purge_cache`, { purge_everything: true, files: ["https://example.com/a"] });
    expect(mixed.status).toBe(400);
    const empty = await ctx.raw("POST", `/zones/${zoneId}/purge_cache`, {});
    expect(empty.status).toBe(400);
    expect(ctx.emulator.purges()).toHaveLength(2);
  });
});
