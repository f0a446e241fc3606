// Pins the key set of every emulator response to the real one. Each expectation names where the
// real shape was seen:
//   [cft]   cf-terraforming testdata/cloudflare (github.com/cloudflare/cf-terraforming), recorded
//           API responses used by its tests; v5/ files are the newest (2024-2025).
//   [2026]  live reads published in public notes: a zone list and an account (2026-08-11), a DNS record list
//           (comment_modified_on sample), token verification and audit logs (2026-05-27).
//   [sdk]   the `cloudflare` SDK 7.x types, where no recording exists.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Cloudflare from "cloudflare";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;
let client: Cloudflare;
let account: string;
let zoneId: string;

beforeEach(async () => {
  ctx = await startWithClient({ users: { "test-token": "alice@example.com" } });
  client = ctx.client;
  account = ctx.emulator.accountId;
  zoneId = (await client.zones.create({ account: { id: account }, name: "example.com" })).id;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

const keys = (value: unknown) => Object.keys(value as object).sort();
const recordKeys = ["comment", "content", "created_on", "id", "meta", "modified_on", "name", "proxiable", "proxied", "settings", "tags", "ttl", "type"];

async function lastBody(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  return (await ctx.raw(method, path, body)).body;
}

describe("DNS records", () => {
  it("[cft v5/cloudflare_dns_record.yaml] list items: comment null, meta {}, settings {}, tags [], no zone_id/zone_name", async () => {
    await client.dns.records.create({ zone_id: zoneId, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    const [record] = (await client.dns.records.list({ zone_id: zoneId })).result;
    expect(keys(record)).toEqual(recordKeys);
    expect(record).toMatchObject({ comment: null, meta: {}, settings: {}, tags: [] });
  });

  it("[sdk RecordResponse, 2026 sample] comment_modified_on and tags_modified_on only with a comment and tags; priority for MX; data for structured types", async () => {
    const tagged = await client.dns.records.create({ zone_id: zoneId, name: "www", type: "A", content: "192.0.2.1", ttl: 1, comment: "web", tags: ["team:web"] });
    expect(keys(tagged)).toEqual([...recordKeys, "comment_modified_on", "tags_modified_on"].sort());
    expect(tagged.comment_modified_on).toBe(tagged.created_on);
    const cleared = await client.dns.records.edit(tagged.id, { zone_id: zoneId, comment: "", tags: [] } as never);
    expect(keys(cleared)).toEqual(recordKeys);
    const mx = await client.dns.records.create({ zone_id: zoneId, name: "@", type: "MX", content: "mx.example.net", priority: 10, ttl: 1 });
    expect(keys(mx)).toEqual([...recordKeys, "priority"].sort());
    const caa = await client.dns.records.create({ zone_id: zoneId, name: "@", type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" }, ttl: 1 });
    expect(keys(caa)).toEqual([...recordKeys, "data"].sort());
    const batch = await client.dns.records.batch({ zone_id: zoneId, posts: [{ name: "api", type: "A", content: "192.0.2.2", ttl: 1 }] });
    expect(keys(batch)).toEqual(["deletes", "patches", "posts", "puts"]);
    expect(keys(batch.posts![0])).toEqual(recordKeys);
  });
});

describe("zones, settings, tokens", () => {
  it("[2026 zone list] a free zone: null owner ids, tenant, tenant_unit and vanity_name_servers_ips", async () => {
    const zone = await client.zones.get({ zone_id: zoneId });
    expect(keys(zone)).toEqual(["account", "activated_on", "created_on", "development_mode", "id", "meta", "modified_on", "name", "name_servers", "original_dnshost", "original_name_servers", "original_registrar", "owner", "paused", "permissions", "plan", "status", "tenant", "tenant_unit", "type", "vanity_name_servers", "vanity_name_servers_ips"]);
    expect(zone).toMatchObject({ owner: { id: null, type: "user", email: null }, tenant: { id: null, name: null }, tenant_unit: { id: null }, vanity_name_servers_ips: null });
    expect(keys(zone.meta)).toEqual(["custom_certificate_quota", "page_rule_quota", "phishing_detected", "step"]);
  });

  it("[2026 account read] accounts carry settings and legacy_flags", async () => {
    const [first] = (await client.accounts.list()).result;
    expect(keys(first)).toEqual(["created_on", "id", "legacy_flags", "name", "settings", "type"]);
    expect(keys(first!.settings)).toEqual(["abuse_contact_email", "access_approval_expiry", "api_access_enabled", "enforce_twofactor", "oauth_app_access_enabled"]);
  });

  it("[cft v5/cloudflare_zone_setting.yaml] a setting has editable, id, modified_on, value", async () => {
    expect(keys(await client.zones.settings.get("ssl", { zone_id: zoneId }))).toEqual(["editable", "id", "modified_on", "value"]);
  });

  it("[2026 token verification] dates null, and a message saying the token is valid", async () => {
    const body = await lastBody("GET", "/user/tokens/verify");
    expect(keys(body.result)).toEqual(["expires_on", "id", "not_before", "status"]);
    expect(body.messages).toEqual([{ code: 10000, message: "This API Token is valid and active" }]);
  });
});

describe("rulesets", () => {
  it("[cft v5/cloudflare_ruleset_zone_http_request_firewall_custom.yaml] custom rules: source firewall_custom; rules keep their description", async () => {
    await client.rulesets.phases.update("http_request_firewall_custom", { zone_id: zoneId, rules: [{ ref: "r", action: "block", expression: "ip.src eq 192.0.2.1", description: "bad" }] });
    const listed = (await client.rulesets.list({ zone_id: zoneId })).result[0];
    expect(keys(listed)).toEqual(["description", "id", "kind", "last_updated", "name", "phase", "source", "version"]);
    const full = await client.rulesets.phases.get("http_request_firewall_custom", { zone_id: zoneId });
    expect(keys(full)).toEqual(["description", "id", "kind", "last_updated", "name", "phase", "rules", "source", "version"]);
    expect(keys(full.rules[0])).toEqual(["action", "description", "enabled", "expression", "id", "last_updated", "ref", "version"]);
  });

  it("[cft v5/cloudflare_ruleset_zone_http_ratelimit.yaml, v5/cloudflare_ruleset.yaml] rate limits carry source rate_limit; redirects none, and no empty description", async () => {
    const limit = { characteristics: ["ip.src", "cf.colo.id"], period: 60, requests_per_period: 100, mitigation_timeout: 600 };
    await client.rulesets.phases.update("http_ratelimit", { zone_id: zoneId, rules: [{ ref: "r", action: "block", expression: "true", description: "x", ratelimit: limit }] as never });
    const rate = (await lastBody("GET", `/zones/${zoneId}/rulesets/phases/http_ratelimit/entrypoint`)).result as { source: string; rules: unknown[] };
    expect(rate.source).toBe("rate_limit");
    expect(keys(rate.rules[0])).toEqual(["action", "description", "enabled", "expression", "id", "last_updated", "ratelimit", "ref", "version"]);
    const redirect = { from_value: { target_url: { value: "https://example.com/foo" }, status_code: 301, preserve_query_string: true } };
    await ctx.raw("PUT", `/zones/${zoneId}/rulesets/phases/http_request_dynamic_redirect/entrypoint`, { rules: [{ ref: "jacob1", action: "redirect", expression: "true", action_parameters: redirect }] });
    const redirects = (await lastBody("GET", `/zones/${zoneId}/rulesets/phases/http_request_dynamic_redirect/entrypoint`)).result as Record<string, unknown> & { rules: unknown[] };
    expect(keys(redirects)).toEqual(["description", "id", "kind", "last_updated", "name", "phase", "rules", "version"]);
    expect(keys(redirects.rules[0])).toEqual(["action", "action_parameters", "enabled", "expression", "id", "last_updated", "ref", "version"]);
  });
});

describe("tunnels", () => {
  it("[cft v5/cloudflare_zero_trust_tunnel_cloudflared.yaml] tunnels: null timestamps, no config_src; [cft …_config.yaml] configurations without account_id", async () => {
    const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: account, name: "home-pi", config_src: "cloudflare" });
    const [listed] = (await client.zeroTrust.tunnels.cloudflared.list({ account_id: account })).result;
    expect(keys(listed)).toEqual(["account_tag", "connections", "conns_active_at", "conns_inactive_at", "created_at", "deleted_at", "id", "metadata", "name", "remote_config", "status", "tun_type"]);
    expect(listed).toMatchObject({ conns_active_at: null, deleted_at: null, conns_inactive_at: listed!.created_at });
    const config = await client.zeroTrust.tunnels.cloudflared.configurations.update(tunnel.id!, { account_id: account, config: { ingress: [{ hostname: "*", service: "http_status:404" }] } });
    expect(keys(config)).toEqual(["config", "created_at", "source", "tunnel_id", "version"]);
  });
});

describe("lists", () => {
  it("[cft v5/cloudflare_list.yaml, v4/cloudflare_list_*.yaml] lists and items per kind; [sdk] bulk operation states", async () => {
    const list = await client.rules.lists.create({ account_id: account, kind: "ip", name: "ips" });
    expect(keys(list)).toEqual(["created_on", "description", "id", "kind", "modified_on", "name", "num_items", "num_referencing_filters"]);
    const op = await client.rules.lists.items.create(list.id, { account_id: account, body: [{ ip: "10.0.0.1", comment: "one" }] });
    expect(keys(op)).toEqual(["operation_id"]);
    expect(keys(await client.rules.lists.bulkOperations.get(op.operation_id, { account_id: account }))).toEqual(["completed", "id", "status"]);
    const [item] = (await client.rules.lists.items.list(list.id, { account_id: account })).result;
    expect(keys(item)).toEqual(["comment", "created_on", "id", "ip", "modified_on"]);
    ctx.emulator.setFaults({ bulkOperations: { polls: 1, failWith: "This list is at the maximum number of items" } });
    const failing = await client.rules.lists.items.update(list.id, { account_id: account, body: [] });
    expect(keys(await client.rules.lists.bulkOperations.get(failing.operation_id, { account_id: account }))).toEqual(["id", "status"]);
    expect(keys(await client.rules.lists.bulkOperations.get(failing.operation_id, { account_id: account }))).toEqual(["completed", "error", "id", "status"]);
  });
});

describe("audit logs", () => {
  it("[sdk AuditListResponse, 2026 v2 sample] v2 entries; [sdk AuditLog, 2026 v1 keys] v1 entries", async () => {
    await client.dns.records.create({ zone_id: zoneId, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
    const since = new Date(Date.now() - 60_000).toISOString();
    const before = new Date(Date.now() + 60_000).toISOString();
    const [v2] = (await client.accounts.logs.audit.list({ account_id: account, since, before, resource_type: "dns_record" } as never)).result as unknown as Array<Record<string, Record<string, unknown>>>;
    expect(keys(v2)).toEqual(["account", "action", "actor", "id", "raw", "resource", "zone"]);
    expect(keys(v2!.action)).toEqual(["description", "result", "time", "type"]);
    expect(keys(v2!.actor)).toEqual(["context", "email", "id", "ip_address", "token_id", "token_name", "type"]);
    expect(keys(v2!.raw)).toEqual(["cf_ray_id", "method", "status_code", "uri", "user_agent"]);
    expect(keys(v2!.resource)).toEqual(["id", "product", "request", "response", "scope", "type"]);
    const [v1] = (await client.auditLogs.list({ account_id: account, action: { type: "rec_add" } } as never)).result as unknown as Array<Record<string, unknown>>;
    expect(keys(v1)).toEqual(["action", "actor", "id", "interface", "metadata", "newValue", "newValueJson", "owner", "resource", "when"]);
  });
});
