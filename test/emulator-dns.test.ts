// DNS records through the real `cloudflare` SDK against the in-process emulator. Every response is
// validated against the OpenAPI schema in afterEach; the batch endpoint (absent from the 2024
// schema) is checked against the SDK's RecordBatchResponse type by the assertions in its tests.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Cloudflare from "cloudflare";
import type { RecordCreateParams, RecordResponse } from "cloudflare/resources/dns/records";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;
let client: Cloudflare;
let zoneId: string;

beforeEach(async () => {
  ctx = await startWithClient();
  client = ctx.client;
  const zone = await client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" });
  zoneId = zone.id;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

/** The SDK requires ttl on writes; these tests send 1 (automatic) unless they say otherwise. */
function create(record: Record<string, unknown>): Promise<RecordResponse> {
  return client.dns.records.create({ zone_id: zoneId, ttl: 1, ...record } as RecordCreateParams);
}

const txt766 = 'v=DKIM1; k=rsa; p="' + "Q\\;".repeat(249);

function unquoteTxt(content: string): string {
  return [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1")).join("");
}

describe("listing and paging", () => {
  it("pages with result_info and the SDK's auto-paging stops on the empty page", async () => {
    const posts = Array.from({ length: 23 }, (_, i) => ({ name: `host${i}`, type: "A" as const, content: `192.0.2.${i + 1}`, ttl: 1 }));
    await client.dns.records.batch({ zone_id: zoneId, posts });
    const first = await client.dns.records.list({ zone_id: zoneId, per_page: 10, page: 3 });
    const envelope = ctx.captured.at(-1)!.body as { result_info: unknown };
    expect(envelope.result_info).toEqual({ page: 3, per_page: 10, count: 3, total_count: 23, total_pages: 3 });
    expect(first.result).toHaveLength(3);

    const before = ctx.emulator.stats().total;
    const names: string[] = [];
    for await (const record of client.dns.records.list({ zone_id: zoneId, per_page: 10 })) names.push(record.name);
    expect(names).toHaveLength(23);
    expect(new Set(names).size).toBe(23);
    // pages 1, 2, 3 and the empty page 4 that stops the SDK
    expect(ctx.emulator.stats().total - before).toBe(4);
    const last = ctx.captured.at(-1)!.body as { result: unknown[]; result_info: { page: number; count: number } };
    expect(last.result).toEqual([]);
    expect(last.result_info).toMatchObject({ page: 4, count: 0 });
  });

  it("rejects per_page out of range with a Cloudflare error", async () => {
    const response = await ctx.raw("GET", `/zones/${zoneId}/dns_records?per_page=0`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ code: 1001, message: expect.stringContaining("per_page") })]);
  });

  it("filters by name (plain, exact, case-insensitive, relative), type, content and proxied, and orders", async () => {
    await client.dns.records.batch({
      zone_id: zoneId,
      posts: [
        { name: "www", type: "A", content: "192.0.2.1", proxied: true, ttl: 1 },
        { name: "www", type: "AAAA", content: "2001:DB8:0:0:0:0:0:1", ttl: 1 },
        { name: "api", type: "A", content: "192.0.2.2", ttl: 1 },
        { name: "@", type: "TXT", content: "v=spf1 -all", ttl: 1 },
      ],
    });
    const exact = await client.dns.records.list({ zone_id: zoneId, name: { exact: "WWW.Example.COM" } });
    expect(exact.result.map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
    const plain = await client.get(`/zones/${zoneId}/dns_records`, { query: { name: "www.example.com", type: "A" } }) as unknown as { result: unknown[] };
    expect(plain.result).toHaveLength(1);
    const relative = await client.dns.records.list({ zone_id: zoneId, name: { exact: "api" } });
    expect(relative.result.map((r) => r.name)).toEqual(["api.example.com"]);
    const starts = await client.dns.records.list({ zone_id: zoneId, name: { startswith: "ap" } });
    expect(starts.result).toHaveLength(1);
    const content = await client.dns.records.list({ zone_id: zoneId, content: { exact: "2001:db8::1" } });
    expect(content.result.map((r) => r.type)).toEqual(["AAAA"]);
    const proxied = await client.dns.records.list({ zone_id: zoneId, proxied: true });
    expect(proxied.result.map((r) => r.name)).toEqual(["www.example.com"]);
    const byName = await client.dns.records.list({ zone_id: zoneId, order: "name", direction: "desc" });
    expect(byName.result.map((r) => r.name)).toEqual(["www.example.com", "www.example.com", "example.com", "api.example.com"]);
  });
});

describe("record normalisation", () => {
  it("stores names as lower-case FQDNs from relative, apex, FQDN and trailing-dot input", async () => {
    const inputs = ["Mail", "@", "FTP.example.com", "deep.Sub.example.com.", "example.com"];
    const created = [];
    for (const [i, name] of inputs.entries()) {
      created.push(await create({ name, type: "TXT", content: `n${i}` }));
    }
    expect(created.map((r) => r.name)).toEqual(["mail.example.com", "example.com", "ftp.example.com", "deep.sub.example.com", "example.com"]);
    const unicode = await create({ name: "bücher", type: "A", content: "192.0.2.7" });
    expect(unicode.name).toBe("xn--bcher-kva.example.com");
    const outside = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "www.other.org.", type: "A", content: "192.0.2.1" });
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body.errors)).toContain("outside the zone example.com");
  });

  it.each([
    ["empty", ""],
    ["255 bytes", "a".repeat(254) + ";"],
    ["256 bytes", "b".repeat(255) + "\\"],
    ["766 bytes with quotes, semicolons and backslashes", txt766],
  ])("round-trips TXT content of %s as quoted chunks of at most 255 bytes", async (_label, text) => {
    const record = await create({ name: "txt", type: "TXT", content: text });
    const chunks = [...record.content!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
    expect(record.content!.startsWith('"')).toBe(true);
    expect(unquoteTxt(record.content!)).toBe(text);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(255);
    expect(chunks.length).toBe(Math.max(1, Math.ceil(Buffer.byteLength(text) / 255)));
    // Writing the stored (quoted) form back is not a change: same content, and an identical record.
    const again = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "txt", type: "TXT", content: record.content });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ code: 81058, message: "An identical record already exists." }]);
  });

  it("uses inputs of exactly 0, 255, 256 and 766 bytes", () => {
    expect(["", "a".repeat(254) + ";", "b".repeat(255) + "\\", txt766].map((t) => Buffer.byteLength(t))).toEqual([0, 255, 256, 766]);
  });

  it("treats ttl 1 as automatic, forces ttl 1 on proxied records and rejects bad TTLs", async () => {
    const auto = await create({ name: "auto", type: "A", content: "192.0.2.10" });
    expect(auto.ttl).toBe(1);
    const proxied = await create({ name: "prox", type: "A", content: "192.0.2.11", proxied: true, ttl: 3600 });
    expect(proxied).toMatchObject({ proxied: true, proxiable: true, ttl: 1 });
    const bad = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "bad", type: "A", content: "192.0.2.12", ttl: 5 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ code: number }>)[0]!.code).toBe(9021);
  });

  it("allows proxied only on A, AAAA and CNAME", async () => {
    const response = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "mx", type: "MX", content: "mail.example.com", priority: 10, proxied: true });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ code: 9004, message: "This record type cannot be proxied." }]);
    const cname = await create({ name: "c", type: "CNAME", content: "target.example.net.", proxied: true });
    expect(cname).toMatchObject({ proxied: true, content: "target.example.net" });
    const txt = await create({ name: "t", type: "TXT", content: "x" });
    expect(txt).toMatchObject({ proxiable: false, proxied: false });
  });

  it("renders structured records' content from data and keeps priority for MX and SRV", async () => {
    const srv = await create({ name: "_sip._tcp", type: "SRV", data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } });
    expect(srv).toMatchObject({ content: "5 5060 sip.example.com", priority: 10, data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } });
    const caa = await create({ name: "@", type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" } });
    expect(caa.content).toBe('0 issue "letsencrypt.org"');
    const mx = await create({ name: "@", type: "MX", content: "Mail.Example.com.", priority: 20 });
    expect(mx).toMatchObject({ content: "Mail.Example.com", priority: 20 });
    const aaaa = await create({ name: "v6", type: "AAAA", content: "2001:0DB8:0000::0001" });
    expect(aaaa.content).toBe("2001:db8::1");
    const missing = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "x", type: "SRV", data: { priority: 1, weight: 1, port: 1 } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain("data.target is required");
  });
});

describe("conflicts", () => {
  it("keeps a CNAME alone at its name (81053) in both directions", async () => {
    await create({ name: "www", type: "A", content: "192.0.2.1" });
    const cname = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "WWW.example.com", type: "CNAME", content: "x.example.net" });
    expect(cname.status).toBe(400);
    expect(cname.body.errors).toEqual([{ code: 81053, message: "An A, AAAA, or CNAME record with that host already exists." }]);

    await create({ name: "alias", type: "CNAME", content: "x.example.net" });
    const a = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "alias", type: "A", content: "192.0.2.2" });
    expect((a.body.errors as Array<{ code: number }>)[0]!.code).toBe(81053);
    const txt = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "alias", type: "TXT", content: "hello" });
    expect((txt.body.errors as Array<{ code: number }>)[0]!.code).toBe(81054);
    const list = await client.dns.records.list({ zone_id: zoneId });
    expect(list.result).toHaveLength(2);
  });

  it("keeps a delegated name (NS below the apex) for NS records only", async () => {
    await create({ name: "sub", type: "NS", content: "ns1.example.net" });
    await create({ name: "sub", type: "NS", content: "ns2.example.net" });
    const a = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "sub", type: "A", content: "192.0.2.1", ttl: 1 });
    expect((a.body.errors as Array<{ code: number }>)[0]!.code).toBe(81056);
    await create({ name: "txt-first", type: "TXT", content: "x" });
    const ns = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "txt-first", type: "NS", content: "ns1.example.net", ttl: 1 });
    expect(ns.status).toBe(400);
    expect((await client.dns.records.list({ zone_id: zoneId })).result).toHaveLength(3);
  });

  it("rejects an exact duplicate (81058) but allows the same name with other content", async () => {
    await create({ name: "www", type: "A", content: "192.0.2.1" });
    const dup = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "www.EXAMPLE.com", type: "A", content: "192.0.2.1", ttl: 300 });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ code: 81058, message: "An identical record already exists." }]);
    await create({ name: "www", type: "A", content: "192.0.2.2" });
    expect((await client.dns.records.list({ zone_id: zoneId })).result).toHaveLength(2);
  });
});

describe("single-record writes", () => {
  it("gets, overwrites (PUT resets unspecified fields), edits (PATCH merges) and deletes", async () => {
    const created = await create({ name: "www", type: "A", content: "192.0.2.1", ttl: 300, comment: "web", tags: ["team:web"] });
    const got = await client.dns.records.get(created.id, { zone_id: zoneId });
    expect(got).toMatchObject({ id: created.id, comment: "web", tags: ["team:web"] });
    const edited = await client.dns.records.edit(created.id, { zone_id: zoneId, ttl: 600 } as never);
    expect(edited).toMatchObject({ content: "192.0.2.1", ttl: 600, comment: "web", tags: ["team:web"], created_on: created.created_on });
    const put = await client.dns.records.update(created.id, { zone_id: zoneId, name: "www", type: "A", content: "192.0.2.9", ttl: 1 });
    expect(put).toMatchObject({ content: "192.0.2.9", ttl: 1, tags: [] });
    expect(put.comment).toBeNull();
    const deleted = await client.dns.records.delete(created.id, { zone_id: zoneId });
    expect(deleted).toEqual({ id: created.id });
    const missing = await ctx.raw("GET", `/zones/${zoneId}/dns_records/${created.id}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([{ code: 81044, message: "Record does not exist." }]);
  });

  it("refuses to change or delete a record Cloudflare marks read-only, and lists it with meta.read_only", async () => {
    const seeded = ctx.emulator.seedRecord(zoneId, { name: "_dmarc", type: "TXT", content: "v=DMARC1; p=none" }, { readOnly: true });
    const listed = await client.dns.records.list({ zone_id: zoneId });
    expect(listed.result[0]!.meta).toMatchObject({ read_only: true });
    const del = await ctx.raw("DELETE", `/zones/${zoneId}/dns_records/${seeded.id}`);
    expect(del.status).toBe(400);
    expect(JSON.stringify(del.body.errors)).toContain("read only");
    const batch = await ctx.raw("POST", `/zones/${zoneId}/dns_records/batch`, { patches: [{ id: seeded.id, ttl: 300 }] });
    expect(batch.status).toBe(400);
    expect((await client.dns.records.get(seeded.id, { zone_id: zoneId })).ttl).toBe(1);
  });
});

describe("batch", () => {
  it("applies deletes, patches, puts, posts in that order and returns them per the SDK's RecordBatchResponse", async () => {
    const old = await create({ name: "www", type: "A", content: "192.0.2.1" });
    const keep = await create({ name: "api", type: "A", content: "192.0.2.2" });
    const swap = await create({ name: "mail", type: "A", content: "192.0.2.3" });
    // The post of a CNAME at www only works because the delete of the A record runs first.
    const result = await client.dns.records.batch({
      zone_id: zoneId,
      posts: [{ name: "www", type: "CNAME", content: "web.example.net", proxied: true, ttl: 1 }],
      puts: [{ id: swap.id, name: "mail", type: "A", content: "192.0.2.30", ttl: 1 }],
      patches: [{ id: keep.id, comment: "patched" } as never],
      deletes: [{ id: old.id }],
    });
    // RecordBatchResponse: { deletes?, patches?, puts?, posts?: RecordResponse[] }
    expect(result.deletes!.map((r) => r.id)).toEqual([old.id]);
    expect(result.patches![0]).toMatchObject({ id: keep.id, comment: "patched", content: "192.0.2.2" });
    expect(result.puts![0]).toMatchObject({ id: swap.id, content: "192.0.2.30" });
    expect(result.posts![0]).toMatchObject({ name: "www.example.com", type: "CNAME", proxied: true, ttl: 1 });
    for (const record of [...result.patches!, ...result.puts!, ...result.posts!]) {
      expect(record).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: expect.any(String), type: expect.any(String), content: expect.any(String), proxied: expect.any(Boolean), ttl: expect.any(Number), created_on: expect.any(String), modified_on: expect.any(String) }));
    }
    const names = (await client.dns.records.list({ zone_id: zoneId })).result.map((r) => `${r.name} ${r.type}`).sort();
    expect(names).toEqual(["api.example.com A", "mail.example.com A", "www.example.com CNAME"]);
  });

  it("is all or nothing: a failing post rolls back the deletes before it, and the error names the operation", async () => {
    const a = await create({ name: "www", type: "A", content: "192.0.2.1" });
    const b = await create({ name: "api", type: "A", content: "192.0.2.2" });
    const writesBefore = ctx.emulator.stats().writes;
    const response = await ctx.raw("POST", `/zones/${zoneId}/dns_records/batch`, {
      deletes: [{ id: a.id }],
      posts: [
        { name: "new", type: "A", content: "192.0.2.3" },
        { name: "api", type: "CNAME", content: "x.example.net" },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ code: 81053, message: "posts[1]: An A, AAAA, or CNAME record with that host already exists." }]);
    expect(response.body.result).toBeNull();
    const ids = (await client.dns.records.list({ zone_id: zoneId })).result.map((r) => r.id).sort();
    expect(ids).toEqual([a.id, b.id].sort());
    expect(ctx.emulator.stats().writes - writesBefore).toBe(1);
  });

  it("undoes patches and puts too when a later operation fails", async () => {
    const a = await create({ name: "www", type: "A", content: "192.0.2.1", ttl: 300 });
    const b = await create({ name: "api", type: "A", content: "192.0.2.2" });
    const response = await ctx.raw("POST", `/zones/${zoneId}/dns_records/batch`, {
      patches: [{ id: a.id, ttl: 600, comment: "changed" }],
      puts: [{ id: b.id, name: "api2", type: "A", content: "192.0.2.20", ttl: 1 }],
      posts: [{ name: "x", type: "A", content: "not-an-ip", ttl: 1 }],
    });
    expect(response.status).toBe(400);
    expect((response.body.errors as Array<{ message: string }>)[0]!.message).toMatch(/^posts\[0\]: Content for A record/);
    const records = (await client.dns.records.list({ zone_id: zoneId, order: "name" })).result;
    expect(records.map((r) => [r.name, r.ttl, r.comment])).toEqual([["api.example.com", 1, null], ["www.example.com", 300, null]]);
    const byName = await client.dns.records.list({ zone_id: zoneId, name: { exact: "api2.example.com" } });
    expect(byName.result).toEqual([]);
  });

  it("rejects a batch larger than the configured limit without applying any of it", async () => {
    await ctx.emulator.close();
    ctx = await startWithClient({ batchLimit: 2, zones: ["example.org"] });
    const zone = (await ctx.client.zones.list({ name: "example.org" })).result[0]!;
    const response = await ctx.raw("POST", `/zones/${zone.id}/dns_records/batch`, { posts: [1, 2, 3].map((i) => ({ name: `h${i}`, type: "A", content: `192.0.2.${i}` })) });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain("at most 2");
    expect((await ctx.client.dns.records.list({ zone_id: zone.id })).result).toEqual([]);
  });
});
