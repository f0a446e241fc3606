// The emulator's audit log (issue 17): an entry for every write, the actor named from the token
// (or the dashboard), served by Audit Logs v2 and v1 through the real SDK
// (client.accounts.logs.audit.list, client.auditLogs.list), with faults for the client's fallback.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { apiRouter, auditNames, families } from "../src/emulator/families/registry.ts";
import type { EmulatorOptions } from "../src/emulator/index.ts";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

const running: EmulatorClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const ctx of running.splice(0)) {
    validateCaptured(ctx.captured);
    await ctx.emulator.close();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const users: EmulatorOptions["users"] = {
  "alice-token": "alice@example.com",
  "bob-token": { email: "bob@example.com", via: "dashboard" },
  "ci-token": { email: "ci@example.com", tokenName: "cf-gitops CI" },
};

async function start(token = "alice-token", options: EmulatorOptions = {}): Promise<EmulatorClient> {
  const ctx = await startWithClient({ users, ...options }, token);
  running.push(ctx);
  return ctx;
}

function sdkFor(ctx: EmulatorClient, token: string): Cloudflare {
  return new Cloudflare({ apiToken: token, baseURL: ctx.emulator.baseUrl, maxRetries: 0 });
}

const window = () => ({ since: new Date(Date.now() - 3_600_000).toISOString(), before: new Date(Date.now() + 3_600_000).toISOString() });

type Entry = Record<string, Record<string, unknown>> & { id: string };

async function v2(ctx: EmulatorClient, query: Record<string, unknown> = {}): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const entry of ctx.client.accounts.logs.audit.list({ account_id: ctx.emulator.accountId, ...window(), ...query } as never)) entries.push(entry as unknown as Entry);
  return entries;
}

describe("recording", () => {
  it("records a write with the mapped actor, the client IP, the ray id and the response (v2 shape)", async () => {
    const ctx = await start();
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const response = await ctx.raw("POST", `/zones/${zone.id}/dns_records`, { name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    const record = response.body.result as { id: string };
    const [entry] = await v2(ctx, { resource_type: "dns_record" });
    expect(entry).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      account: { id: ctx.emulator.accountId, name: expect.any(String) },
      action: { description: "Create DNS record", result: "success", time: expect.any(String), type: "create" },
      actor: { id: expect.stringMatching(/^[0-9a-f]{32}$/), context: "api_token", email: "alice@example.com", ip_address: "127.0.0.1", token_id: expect.stringMatching(/^[0-9a-f]{32}$/), token_name: "alice@example.com API token", type: "user" },
      raw: { cf_ray_id: response.headers.get("cf-ray"), method: "POST", status_code: 200, uri: `/client/v4/zones/${zone.id}/dns_records`, user_agent: expect.any(String) },
      resource: { id: record.id, product: "dns_records", request: { name: "www", type: "A", content: "192.0.2.1", ttl: 1 }, response: response.body.result, scope: "zones", type: "dns_record" },
      zone: { id: zone.id, name: "example.com" },
    });
  });

  it("names other tokens api-token@emulator, uses a mapped token name, and logs dashboard changes as context dash", async () => {
    const ctx = await start("some-other-token");
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    await sdkFor(ctx, "ci-token").zones.settings.edit("ssl", { zone_id: zone.id, value: "strict" } as never);
    await sdkFor(ctx, "bob-token").zones.settings.edit("ssl", { zone_id: zone.id, value: "full" } as never);
    await sdkFor(ctx, "some-other-token").zones.settings.edit("ssl", { zone_id: zone.id, value: "flexible" } as never, { headers: { "cf-emulator-via": "dashboard" } });
    const entries = await v2(ctx, { direction: "asc" });
    expect(entries.map((e) => [e.resource!.type, e.actor!.email, e.actor!.context, e.actor!.token_name])).toEqual([
      ["zone", "api-token@emulator", "api_token", "emulator API token"],
      ["zone_setting", "ci@example.com", "api_token", "cf-gitops CI"],
      ["zone_setting", "bob@example.com", "dash", undefined],
      ["zone_setting", "api-token@emulator", "dash", undefined],
    ]);
    expect(entries[1]!.resource).toMatchObject({ id: "ssl", response: { id: "ssl", value: "strict" } });
  });

  it("records one entry per record of a DNS batch and none for failed or read-only requests", async () => {
    const ctx = await start();
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const first = await ctx.client.dns.records.batch({ zone_id: zone.id, posts: [{ name: "a", type: "A", content: "192.0.2.1", ttl: 1 }, { name: "b", type: "A", content: "192.0.2.2", ttl: 1 }] });
    await ctx.client.dns.records.batch({ zone_id: zone.id, deletes: [{ id: first.posts![0]!.id }], patches: [{ id: first.posts![1]!.id, ttl: 300 } as never] });
    const failed = await ctx.raw("POST", `/zones/${zone.id}/dns_records`, { name: "x", type: "A", content: "nope", ttl: 1 });
    expect(failed.status).toBe(400);
    await ctx.client.dns.records.list({ zone_id: zone.id });
    const entries = await v2(ctx, { resource_type: "dns_record", direction: "asc" });
    expect(entries.map((e) => [e.action!.type, e.resource!.id])).toEqual([
      ["create", first.posts![0]!.id],
      ["create", first.posts![1]!.id],
      ["delete", first.posts![0]!.id],
      ["update", first.posts![1]!.id],
    ]);
  });

  it("records every write route of every registered family (each family's exercise)", async () => {
    const ctx = await start();
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const api = { client: ctx.client, accountId: ctx.emulator.accountId, zoneId: zone.id, raw: (method: string, path: string, body?: unknown) => ctx.raw(method, path, body) };
    for (const family of families) await (await family.exercise?.())?.exercise(api);

    const writeRoutes = apiRouter().list().filter((route) => route.writes).map((route) => `${route.method} ${route.template}`);
    const served = Object.keys(ctx.emulator.stats().counts).filter((key) => / 2\d\d$/.test(key)).map((key) => key.replace(/ \d+$/, ""));
    // A family that adds a write route without exercising it fails here (its exercise.ts).
    expect(writeRoutes.filter((route) => !served.includes(route))).toEqual([]);
    const successfulWrites = ctx.emulator.stats().requests.filter((r) => r.method !== "GET" && r.status < 300).length;
    // Every successful write left at least one entry (the batch leaves one per record).
    const entries = ctx.emulator.auditLog();
    expect(new Set(entries.map((e) => e.http.rayId)).size).toBe(successfulWrites);
    // ...and every audit resource a family declares shows in the v2 log with its names.
    const declared = [...auditNames().keys()];
    expect(declared.filter((resource) => !entries.some((entry) => entry.resource === resource))).toEqual([]);
  });
});

describe("Audit Logs v2", () => {
  it("pages with limit and cursor (the SDK's auto-paging follows it), newest first unless direction=asc", async () => {
    const ctx = await start();
    for (let i = 0; i < 5; i++) await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: `zone${i}.example` });
    const before = ctx.emulator.stats().total;
    const newest = await v2(ctx, { limit: 2 });
    expect(ctx.emulator.stats().total - before).toBe(3);
    expect(newest.map((e) => (e.resource!.response as { name: string }).name)).toEqual(["zone4.example", "zone3.example", "zone2.example", "zone1.example", "zone0.example"]);
    const firstPage = ctx.captured.at(-3)!.body as { result_info: { count: number; cursor: string; cursors: { after: string } } };
    expect(firstPage.result_info).toEqual({ count: 2, cursor: expect.any(String), cursors: { after: firstPage.result_info.cursor } });
    expect((ctx.captured.at(-1)!.body as { result_info: unknown }).result_info).toEqual({ count: 1 });
    const oldest = await v2(ctx, { direction: "asc", limit: 10 });
    expect(oldest.map((e) => e.id)).toEqual(newest.map((e) => e.id).reverse());
  });

  it("filters by the SDK's parameters, positive and .not, and by the time window", async () => {
    const ctx = await start();
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const record = await ctx.client.dns.records.create({ zone_id: zone.id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    await ctx.client.dns.records.delete(record.id, { zone_id: zone.id });
    expect((await v2(ctx, { action_type: { not: ["create"] } })).map((e) => e.action!.type)).toEqual(["delete"]);
    expect((await v2(ctx, { resource_id: record.id, zone_name: "example.com" })).length).toBe(2);
    expect((await v2(ctx, { actor_email: "someone@example.com" })).length).toBe(0);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await v2(ctx, { since: later })).length).toBe(0);
    const day = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await v2(ctx, { since: day, before: tomorrow })).length).toBe(3);
  });

  it("requires since and before, answering without an error code as v2 does", async () => {
    const ctx = await start();
    const response = await fetch(`${ctx.emulator.baseUrl}/accounts/${ctx.emulator.accountId}/logs/audit?since=2024-01-01`, { headers: { authorization: "Bearer alice-token" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ success: false, errors: [{ message: "Invalid format for parameter before: query parameter 'before' is required" }], messages: [], result: null });
  });
});

describe("Audit Logs v1", () => {
  it("serves the same entries in the v1 shape, paged with page and per_page", async () => {
    const ctx = await start();
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const record = await ctx.client.dns.records.create({ zone_id: zone.id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    await sdkFor(ctx, "bob-token").dns.records.edit(record.id, { zone_id: zone.id, ttl: 300 } as never);
    const entries: Array<Record<string, unknown>> = [];
    for await (const entry of ctx.client.auditLogs.list({ account_id: ctx.emulator.accountId, ...window(), per_page: 2 } as never)) entries.push(entry as unknown as Record<string, unknown>);
    expect(entries.map((e) => [(e.action as { type: string }).type, (e.resource as { type: string }).type, e.interface, (e.actor as { email: string }).email])).toEqual([
      ["rec_set", "DNS_record", "UI", "bob@example.com"],
      ["rec_add", "DNS_record", "API", "alice@example.com"],
      ["add", "zone", "API", "alice@example.com"],
    ]);
    const update = entries[0]!;
    expect(update).toMatchObject({
      actor: { id: expect.any(String), email: "bob@example.com", ip: "127.0.0.1", type: "user" },
      metadata: { zone_name: "example.com" },
      oldValueJson: { id: record.id, ttl: 1 },
      newValueJson: { id: record.id, ttl: 300 },
      owner: { id: ctx.emulator.accountId },
      resource: { id: record.id, type: "DNS_record" },
      when: expect.any(String),
    });
    expect(JSON.parse(update.newValue as string)).toEqual(update.newValueJson);
    const filtered = await ctx.client.auditLogs.list({ account_id: ctx.emulator.accountId, action: { type: "rec_add" }, direction: "asc" } as never);
    expect(filtered.result.map((e) => e.resource?.id)).toEqual([record.id]);
  });
});

describe("faults and persistence", () => {
  it("answers v2 with an injected 404 while v1 still works, and both with 403 for a token without permission", async () => {
    const ctx = await start();
    await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    ctx.emulator.setFaults({ auditLogs: { v2: 404 } });
    await expect(v2(ctx)).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
    expect((await ctx.client.auditLogs.list({ account_id: ctx.emulator.accountId })).result).toHaveLength(1);
    ctx.emulator.setFaults({ auditLogs: { v2: 403, v1: 403 } });
    await expect(v2(ctx)).rejects.toBeInstanceOf(Cloudflare.PermissionDeniedError);
    const v1 = await ctx.raw("GET", `/accounts/${ctx.emulator.accountId}/audit_logs`);
    expect(v1).toMatchObject({ status: 403, body: { errors: [{ code: 10000, message: "Authentication error" }] } });
    ctx.emulator.setFaults({});
    expect(await v2(ctx)).toHaveLength(1);
  });

  it("keeps the audit log in the state file and at most 10,000 entries", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cfgitops-audit-"));
    dirs.push(dir);
    const statePath = join(dir, "state.json");
    const ctx = await start("alice-token", { statePath });
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
    const posts = Array.from({ length: 10_000 }, (_, i) => ({ name: `h${i}`, type: "A" as const, content: "192.0.2.1", ttl: 1 as const }));
    await ctx.client.dns.records.batch({ zone_id: zone.id, posts });
    const entries = ctx.emulator.auditLog();
    expect(entries).toHaveLength(10_000);
    expect(entries[0]!.resource).toBe("dns_record");
    await ctx.emulator.flush();
    const saved = JSON.parse(await readFile(statePath, "utf8")) as { audit: unknown[] };
    expect(saved.audit).toHaveLength(10_000);
    await ctx.emulator.close();
    running.splice(running.indexOf(ctx), 1);
    const again = await start("alice-token", { statePath });
    expect(again.emulator.auditLog().at(-1)!.entryId).toBe(entries.at(-1)!.entryId);
  });

  it("counts audit reads as reads and list item writes as writes, by route", async () => {
    const ctx = await start();
    const list = await ctx.client.rules.lists.create({ account_id: ctx.emulator.accountId, kind: "ip", name: "ips" });
    await ctx.client.rules.lists.items.create(list.id, { account_id: ctx.emulator.accountId, body: [{ ip: "192.0.2.1" }] });
    const before = ctx.emulator.stats();
    await v2(ctx);
    const after = ctx.emulator.stats();
    expect(after.writes).toBe(before.writes);
    expect(after.counts).toMatchObject({
      "GET /accounts/{account_id}/logs/audit 200": 1,
      "POST /accounts/{account_id}/rules/lists 200": 1,
      "POST /accounts/{account_id}/rules/lists/{list_id}/items 200": 1,
    });
    expect(before.writes).toBe(2);
  });
});
