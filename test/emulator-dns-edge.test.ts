// DNS edge cases Cloudflare accepts and serves (issue 11 item 14), through the real SDK: a null MX,
// internationalised names and targets stored in Punycode, HTTPS/SVCB without parameters, NAPTR
// without regex, and DS records beside the NS records of a delegated child.
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
  zoneId = (await client.zones.create({ account: { id: ctx.emulator.accountId }, name: "example.com" })).id;
});

afterEach(async () => {
  validateCaptured(ctx.captured);
  await ctx.emulator.close();
});

function create(record: Record<string, unknown>): Promise<RecordResponse> {
  return client.dns.records.create({ zone_id: zoneId, ttl: 1, ...record } as RecordCreateParams);
}

describe("null MX (RFC 7505)", () => {
  it("stores content \".\" with priority 0 at a label and at the apex", async () => {
    const label = await create({ name: "nomail", type: "MX", content: ".", priority: 0 });
    const apex = await create({ name: "@", type: "MX", content: ".", priority: 0 });
    expect([label, apex].map((r) => [r.name, r.content, (r as { priority?: number }).priority])).toEqual([
      ["nomail.example.com", ".", 0],
      ["example.com", ".", 0],
    ]);
    const listed = await client.dns.records.list({ zone_id: zoneId, type: "MX" });
    expect(listed.result.map((r) => r.content)).toEqual([".", "."]);
  });

  it("still refuses an empty MX target", async () => {
    const empty = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "x", type: "MX", content: "", priority: 0, ttl: 1 });
    expect(empty.status).toBe(400);
    expect((await client.dns.records.list({ zone_id: zoneId })).result).toEqual([]);
  });
});

describe("internationalised names", () => {
  it("stores Unicode names and host targets in Punycode and finds them by either spelling", async () => {
    const a = await create({ name: "ööö", type: "A", content: "192.0.2.1" });
    expect(a.name).toBe("xn--ndaaa.example.com");
    const chinese = await create({ name: "中文", type: "TXT", content: "hello" });
    expect(chinese.name).toBe("xn--fiq228c.example.com");
    const cname = await create({ name: "alias", type: "CNAME", content: "ööö.com" });
    expect(cname.content).toBe("xn--ndaaa.com");
    const mx = await create({ name: "@", type: "MX", content: "mail.ööö.com", priority: 10 });
    expect(mx.content).toBe("mail.xn--ndaaa.com");
    const byUnicode = await client.dns.records.list({ zone_id: zoneId, name: { exact: "ööö.example.com" } } as never);
    expect(byUnicode.result.map((r) => r.id)).toEqual([a.id]);
    const again = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "xn--ndaaa", type: "A", content: "192.0.2.1", ttl: 1 });
    expect((again.body.errors as Array<{ code: number }>)[0]!.code).toBe(81058);
  });

  it("creates a zone named in Unicode under its Punycode name", async () => {
    const zone = await client.zones.create({ account: { id: ctx.emulator.accountId }, name: "bücher.example" });
    expect(zone.name).toBe("xn--bcher-kva.example");
    expect((await client.zones.list({ name: "bücher.example" })).result.map((z) => z.id)).toEqual([zone.id]);
  });
});

describe("structured records with empty fields", () => {
  it("accepts HTTPS and SVCB without parameters (empty value) and renders content without a trailing space", async () => {
    const https = await create({ name: "@", type: "HTTPS", data: { priority: 1, target: ".", value: "" } });
    expect(https).toMatchObject({ content: "1 .", data: { priority: 1, target: ".", value: "" } });
    const svcb = await create({ name: "_dns", type: "SVCB", data: { priority: 0, target: "svc.example.net", value: "" } });
    expect(svcb.content).toBe("0 svc.example.net");
    const withValue = await create({ name: "www", type: "HTTPS", data: { priority: 1, target: ".", value: 'alpn="h2"' } });
    expect(withValue.content).toBe('1 . alpn="h2"');
  });

  it("accepts NAPTR with an empty regex (a replacement is used instead)", async () => {
    const naptr = await create({ name: "sip", type: "NAPTR", data: { order: 100, preference: 10, flags: "S", service: "SIP+D2U", regex: "", replacement: "_sip._udp.example.com" } });
    expect(naptr.content).toBe('100 10 "S" "SIP+D2U" "" _sip._udp.example.com');
  });

  it("still requires the other fields", async () => {
    const noTarget = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "x", type: "HTTPS", data: { priority: 1, value: "" }, ttl: 1 });
    expect(noTarget.status).toBe(400);
    expect(JSON.stringify(noTarget.body.errors)).toContain("data.target is required");
  });
});

describe("DS with a delegated child's NS records", () => {
  const ds = { key_tag: 2371, algorithm: 13, digest_type: 2, digest: "1f987ccc7d3fb8aa7ee7c4c4b8fd4f2fa6ca2e4c2fbb5e5d3c0f3f0e5b3a7e1c" };

  it("lets DS share a name with NS in either order, and still keeps other types away from NS", async () => {
    await create({ name: "child", type: "NS", content: "ns1.child-dns.net" });
    const signed = await create({ name: "child", type: "DS", data: ds });
    expect(signed.name).toBe("child.example.com");
    await create({ name: "other", type: "DS", data: ds });
    await create({ name: "other", type: "NS", content: "ns1.other-dns.net" });
    const a = await ctx.raw("POST", `/zones/${zoneId}/dns_records`, { name: "child", type: "A", content: "192.0.2.1", ttl: 1 });
    expect((a.body.errors as Array<{ code: number }>)[0]!.code).toBe(81056);
    const types = (await client.dns.records.list({ zone_id: zoneId })).result.map((r) => `${r.name} ${r.type}`).sort();
    expect(types).toEqual(["child.example.com DS", "child.example.com NS", "other.example.com DS", "other.example.com NS"]);
  });

  it("applies NS-then-DS creates and DS-then-NS deletes in one batch", async () => {
    const created = await client.dns.records.batch({
      zone_id: zoneId,
      posts: [
        { name: "child", type: "NS", content: "ns1.child-dns.net", ttl: 3600 },
        { name: "child", type: "DS", data: ds, ttl: 3600 },
      ] as never,
    });
    const [ns, dsRecord] = created.posts!;
    await client.dns.records.batch({ zone_id: zoneId, deletes: [{ id: dsRecord!.id }, { id: ns!.id }] });
    expect((await client.dns.records.list({ zone_id: zoneId })).result).toEqual([]);
  });
});
