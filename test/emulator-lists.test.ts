// Account custom lists through the real `cloudflare` SDK (client.rules.lists.*): lists, items with
// cursor paging, asynchronous bulk operations, validation per kind, and deletion of a list a rule
// still uses. Responses are validated against the OpenAPI subset in afterEach, except where
// test/support/emulator-client.ts says the schema is wrong and names the SDK type instead.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Cloudflare from "cloudflare";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;
let client: Cloudflare;
let account_id: string;

beforeEach(async () => {
  ctx = await startWithClient();
  client = ctx.client;
  account_id = ctx.emulator.accountId;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

async function waitFor(operationId: string): Promise<{ status: string; error?: string; completed?: string }> {
  for (let i = 0; i < 20; i++) {
    const status = await client.rules.lists.bulkOperations.get(operationId, { account_id });
    if (status.status === "completed" || status.status === "failed") return status as { status: string; error?: string; completed?: string };
  }
  throw new Error("the bulk operation did not finish in 20 polls");
}

async function allItems(listId: string, perPage?: number): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for await (const item of client.rules.lists.items.list(listId, { account_id, ...(perPage ? { per_page: perPage } : {}) })) items.push(item as unknown as Record<string, unknown>);
  return items;
}

describe("lists", () => {
  it("creates, lists, gets, updates the description and deletes a list (SDK ListsList shape)", async () => {
    const created = await client.rules.lists.create({ account_id, kind: "ip", name: "office_ips", description: "Office egress" });
    expect(created).toMatchObject({ name: "office_ips", kind: "ip", description: "Office egress", num_items: 0, num_referencing_filters: 0 });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.created_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await client.rules.lists.create({ account_id, kind: "asn", name: "bad_asns" });
    const listed = [];
    for await (const list of client.rules.lists.list({ account_id })) listed.push(list);
    expect(listed.map((l) => [l.name, l.kind, l.description])).toEqual([["office_ips", "ip", "Office egress"], ["bad_asns", "asn", ""]]);
    const updated = await client.rules.lists.update(created.id, { account_id, description: "HQ only" });
    expect(updated).toMatchObject({ id: created.id, name: "office_ips", description: "HQ only" });
    expect((await client.rules.lists.get(created.id, { account_id })).description).toBe("HQ only");
    expect(await client.rules.lists.delete(created.id, { account_id })).toEqual({ id: created.id });
    const gone = await ctx.raw("GET", `/accounts/${account_id}/rules/lists/${created.id}`);
    expect(gone.status).toBe(404);
  });

  it("refuses bad names, kinds, duplicate names and long descriptions, and creates nothing", async () => {
    const base = `/accounts/${account_id}/rules/lists`;
    for (const name of ["Office", "office-ips", "", "a".repeat(51)]) {
      const bad = await ctx.raw("POST", base, { name, kind: "ip" });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.errors)).toContain("filters.api.invalid_name");
    }
    const kind = await ctx.raw("POST", base, { name: "x", kind: "url" });
    expect(JSON.stringify(kind.body.errors)).toContain("filters.api.invalid_kind");
    await client.rules.lists.create({ account_id, kind: "hostname", name: "hosts" });
    const dup = await ctx.raw("POST", base, { name: "hosts", kind: "ip" });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(dup.body.errors)).toContain("already exists");
    const long = await ctx.raw("POST", base, { name: "long", kind: "ip", description: "d".repeat(501) });
    expect(long.status).toBe(400);
    expect((await client.rules.lists.list({ account_id })).result.map((l) => l.name)).toEqual(["hosts"]);
  });

  it("refuses to delete a list that a rule in any zone still uses (10031), then deletes it once unused", async () => {
    const list = await client.rules.lists.create({ account_id, kind: "ip", name: "office_ips" });
    const zone = await client.zones.create({ account: { id: account_id }, name: "example.com" });
    const phase = "http_request_firewall_custom";
    await client.rulesets.phases.update(phase, { zone_id: zone.id, rules: [{ ref: "allow-office", action: "skip", expression: "ip.src in $office_ips", action_parameters: { ruleset: "current" } }] });
    expect((await client.rules.lists.get(list.id, { account_id })).num_referencing_filters).toBe(1);
    const refused = await ctx.raw("DELETE", `/accounts/${account_id}/rules/lists/${list.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ code: 10031, message: "filters.api.ip_list_in_use: list office_ips is referenced by 1 rule" }]);
    expect((await client.rules.lists.get(list.id, { account_id })).name).toBe("office_ips");
    // A longer name that merely starts with the list's name is not a reference.
    await client.rules.lists.create({ account_id, kind: "ip", name: "office_ips_old" });
    await client.rulesets.phases.update(phase, { zone_id: zone.id, rules: [{ ref: "other", action: "block", expression: "ip.src in $office_ips_old" }] });
    expect(await client.rules.lists.delete(list.id, { account_id })).toEqual({ id: list.id });
    // and a rule can only use a list that exists
    const unknown = await ctx.raw("PUT", `/zones/${zone.id}/rulesets/phases/${phase}/entrypoint`, { rules: [{ ref: "r", action: "block", expression: "ip.src in $office_ips" }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ code: 20021, message: "rules[0].expression: filter parsing error: unknown list $office_ips", source: { pointer: "/rules/0/expression" } }]);
  });
});

describe("items", () => {
  it("appends, replaces and deletes items through bulk operations, and pages them with the SDK's cursor paging", async () => {
    const list = await client.rules.lists.create({ account_id, kind: "ip", name: "office_ips" });
    const body = Array.from({ length: 60 }, (_, i) => ({ ip: `192.0.2.${i + 1}`, comment: `host ${i + 1}` }));
    const appended = await client.rules.lists.items.create(list.id, { account_id, body });
    expect(appended.operation_id).toMatch(/^[0-9a-f]{32}$/);
    const done = await waitFor(appended.operation_id);
    expect(done).toMatchObject({ status: "completed", completed: expect.stringMatching(/Z$/) });

    const before = ctx.emulator.stats().total;
    const items = await allItems(list.id, 25);
    expect(items).toHaveLength(60);
    expect(ctx.emulator.stats().total - before).toBe(3);
    const pages = ctx.captured.slice(-3).map((c) => c.body as { result: unknown[]; result_info?: { cursors?: { after?: string } } });
    expect(pages.map((p) => p.result.length)).toEqual([25, 25, 10]);
    expect(pages[0]!.result_info?.cursors?.after).toEqual(expect.any(String));
    expect(pages[2]!.result_info).toBeUndefined();
    expect(items[0]).toEqual({ comment: "host 1", created_on: expect.any(String), id: expect.stringMatching(/^[0-9a-f]{32}$/), ip: "192.0.2.1", modified_on: expect.any(String) });
    expect((await client.rules.lists.get(list.id, { account_id })).num_items).toBe(60);

    const replaced = await client.rules.lists.items.update(list.id, { account_id, body: [{ ip: "203.0.113.0/24", comment: "HQ" }, { ip: "2001:DB8::/48" }] });
    await waitFor(replaced.operation_id);
    const now = await allItems(list.id);
    expect(now.map((item) => item.ip)).toEqual(["203.0.113.0/24", "2001:db8::/48"]);
    expect(now[1]!.comment).toBeUndefined();

    const one = await client.rules.lists.items.get(String(now[0]!.id), { account_id, list_id: list.id });
    expect(one).toMatchObject({ ip: "203.0.113.0/24", comment: "HQ" });
    const removed = await client.rules.lists.items.delete(list.id, { account_id, items: [{ id: String(now[0]!.id) }] });
    await waitFor(removed.operation_id);
    expect((await allItems(list.id)).map((item) => item.ip)).toEqual(["2001:db8::/48"]);
  });

  it("filters items with search as the API documents: IP prefix, hostname substring, exact ASN", async () => {
    const ips = await client.rules.lists.create({ account_id, kind: "ip", name: "ips" });
    await waitFor((await client.rules.lists.items.create(ips.id, { account_id, body: [{ ip: "192.0.2.1" }, { ip: "198.51.100.1" }] })).operation_id);
    expect((await client.rules.lists.items.list(ips.id, { account_id, search: "192." })).result.map((i) => (i as { ip: string }).ip)).toEqual(["192.0.2.1"]);
    const asns = await client.rules.lists.create({ account_id, kind: "asn", name: "asns" });
    await waitFor((await client.rules.lists.items.create(asns.id, { account_id, body: [{ asn: 13335 }, { asn: 133 }] })).operation_id);
    expect((await client.rules.lists.items.list(asns.id, { account_id, search: "133" })).result.map((i) => (i as { asn: number }).asn)).toEqual([133]);
    const hosts = await client.rules.lists.create({ account_id, kind: "hostname", name: "hosts" });
    await waitFor((await client.rules.lists.items.create(hosts.id, { account_id, body: [{ hostname: { url_hostname: "*.Example.com" } }, { hostname: { url_hostname: "other.net" } }] })).operation_id);
    const found = (await client.rules.lists.items.list(hosts.id, { account_id, search: "example" })).result;
    expect(found).toEqual([expect.objectContaining({ hostname: { url_hostname: "*.example.com" } })]);
  });

  it("validates items per kind (CIDR prefix lengths, ASNs, hostnames, kind mismatch) and changes nothing", async () => {
    const ips = await client.rules.lists.create({ account_id, kind: "ip", name: "ips" });
    const path = `/accounts/${account_id}/rules/lists/${ips.id}/items`;
    const cases: Array<[unknown, string]> = [
      [[{ ip: "10.0.0.0/7" }], "IPv4 CIDR prefixes must be from /8 to /32"],
      [[{ ip: "2001:db8::/11" }], "IPv6 CIDR prefixes must be from /12 to /128"],
      [[{ ip: "not-an-ip" }], "is not an IP address or CIDR"],
      [[{ asn: 5 }], "cannot hold asn items"],
      [[{ comment: "no value" }], "each item of an ip list needs ip"],
      [[{ ip: "192.0.2.1", asn: 5 }], "cannot hold asn items"],
      [{ items: [{ ip: "192.0.2.1" }] }, "filters.api.invalid_json"],
    ];
    for (const [body, message] of cases) {
      const response = await ctx.raw("POST", path, body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toContain(message);
    }
    for (const ip of ["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/12", "2001:db8::1", "2001:db8::/128"]) {
      const ok = await ctx.raw("POST", path, [{ ip }]);
      expect(ok.status).toBe(200);
    }
    expect((await allItems(ips.id)).map((item) => item.ip)).toEqual(["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/12", "2001:db8::1", "2001:db8::/128"]);
    const asns = await client.rules.lists.create({ account_id, kind: "asn", name: "asns" });
    const badAsn = await ctx.raw("POST", `/accounts/${account_id}/rules/lists/${asns.id}/items`, [{ asn: -1 }, { asn: "13335" }]);
    expect((badAsn.body.errors as unknown[]).length).toBe(2);
    const hosts = await client.rules.lists.create({ account_id, kind: "hostname", name: "hosts" });
    const badHost = await ctx.raw("POST", `/accounts/${account_id}/rules/lists/${hosts.id}/items`, [{ hostname: { url_hostname: "bad_host!" } }]);
    expect(JSON.stringify(badHost.body.errors)).toContain("is not a valid hostname");
    expect((await client.rules.lists.get(asns.id, { account_id })).num_items).toBe(0);
  });

  it("fills the redirect defaults a recorded response shows", async () => {
    const list = await client.rules.lists.create({ account_id, kind: "redirect", name: "redirects" });
    await waitFor((await client.rules.lists.items.create(list.id, { account_id, body: [{ redirect: { source_url: "example.com/", target_url: "https://example1.com" } }] })).operation_id);
    const [item] = await allItems(list.id);
    expect(item!.redirect).toEqual({ include_subdomains: false, preserve_path_suffix: false, preserve_query_string: false, source_url: "example.com/", status_code: 301, subpath_matching: false, target_url: "https://example1.com" });
  });
});

describe("bulk operations", () => {
  it("stays pending then running for the configured polls, answers other writes with 429 meanwhile, then applies the change", async () => {
    ctx.emulator.setFaults({ bulkOperations: { polls: 3 } });
    const list = await client.rules.lists.create({ account_id, kind: "ip", name: "ips" });
    const { operation_id } = await client.rules.lists.items.create(list.id, { account_id, body: [{ ip: "192.0.2.1" }] });
    expect((await allItems(list.id)).length).toBe(0);
    const busy = await ctx.raw("PUT", `/accounts/${account_id}/rules/lists/${list.id}/items`, [{ ip: "192.0.2.2" }]);
    expect(busy.status).toBe(429);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.rules.lists.bulkOperations.get(operation_id, { account_id })).status);
    expect(statuses).toEqual(["pending", "running", "running", "completed"]);
    expect((await allItems(list.id)).map((item) => item.ip)).toEqual(["192.0.2.1"]);
    const unknown = await ctx.raw("GET", `/accounts/${account_id}/rules/lists/bulk_operations/0123456789abcdef0123456789abcdef`);
    expect(unknown.status).toBe(404);
  });

  it("completes after a delay without polls, and fails with the configured error leaving the list unchanged", async () => {
    ctx.emulator.setFaults({ bulkOperations: { delayMs: 150 } });
    const list = await client.rules.lists.create({ account_id, kind: "ip", name: "ips" });
    const { operation_id } = await client.rules.lists.items.create(list.id, { account_id, body: [{ ip: "192.0.2.1" }] });
    expect((await client.rules.lists.bulkOperations.get(operation_id, { account_id })).status).toBe("pending");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await allItems(list.id)).length).toBe(1);
    ctx.emulator.setFaults({ bulkOperations: { failWith: "This list is at the maximum number of items" } });
    const failed = await client.rules.lists.items.update(list.id, { account_id, body: [{ ip: "198.51.100.1" }] });
    expect(await waitFor(failed.operation_id)).toMatchObject({ status: "failed", error: "This list is at the maximum number of items" });
    expect((await allItems(list.id)).map((item) => item.ip)).toEqual(["192.0.2.1"]);
  });

  it("fails an operation that would take the account past 10,000 items", async () => {
    const list = await client.rules.lists.create({ account_id, kind: "asn", name: "asns" });
    const body = Array.from({ length: 10_001 }, (_, i) => ({ asn: i }));
    const { operation_id } = await client.rules.lists.items.update(list.id, { account_id, body });
    expect(await waitFor(operation_id)).toMatchObject({ status: "failed", error: "This list is at the maximum number of items" });
    expect((await client.rules.lists.get(list.id, { account_id })).num_items).toBe(0);
  });
});
