// Scale: 10 zones x 1,000 records and 1 zone x 10,000 records must stay fast (records are indexed by
// zone and by name; a batch costs one copy of the zone's index, not a scan per record).
// The list and batch responses are validated against the schema / SDK type in afterEach.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { RecordBatchParams } from "cloudflare/resources/dns/records";
import { startWithClient, validateCaptured, type EmulatorClient } from "./support/emulator-client.ts";

let ctx: EmulatorClient;

beforeEach(async () => {
  ctx = await startWithClient();
});

afterEach(async () => {
  const started = performance.now();
  validateCaptured(ctx.captured);
  console.log(`schema validation of ${ctx.captured.length} responses: ${Math.round(performance.now() - started)} ms`);
  await ctx.emulator.close();
});

function posts(count: number, prefix = "host"): RecordBatchParams["posts"] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, type: "A" as const, content: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, ttl: 1 }));
}

async function listAll(zoneId: string): Promise<number> {
  let count = 0;
  for await (const _record of ctx.client.dns.records.list({ zone_id: zoneId, per_page: 5000 })) count++;
  return count;
}

it("creates and reads 10 zones x 1,000 records quickly", async () => {
  const started = performance.now();
  const zoneIds: string[] = [];
  for (let z = 0; z < 10; z++) {
    const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: `zone${z}.example` });
    zoneIds.push(zone.id);
    await ctx.client.dns.records.batch({ zone_id: zone.id, posts: posts(1000) });
  }
  for (const zoneId of zoneIds) expect(await listAll(zoneId)).toBe(1000);
  const elapsed = performance.now() - started;
  console.log(`10 zones x 1,000 records: ${Math.round(elapsed)} ms for 40 requests`);
  // 10 creates + 10 batches + 10 x (1 page + the empty page) = 40 requests.
  expect(ctx.emulator.stats().total).toBe(40);
  expect(elapsed).toBeLessThan(15000);
});

it("handles 1 zone x 10,000 records: batch writes, conflict checks and paging", async () => {
  const zone = await ctx.client.zones.create({ account: { id: ctx.emulator.accountId }, name: "big.example" });
  const started = performance.now();
  for (let chunk = 0; chunk < 10; chunk++) {
    await ctx.client.dns.records.batch({ zone_id: zone.id, posts: posts(1000, `c${chunk}-`) });
  }
  const writes = performance.now() - started;
  const first = await ctx.client.dns.records.list({ zone_id: zone.id, per_page: 1000 });
  const ids = first.result.map((r) => r.id);
  const batchStarted = performance.now();
  const result = await ctx.client.dns.records.batch({
    zone_id: zone.id,
    deletes: ids.map((id) => ({ id })),
    posts: posts(1000, "n"),
  });
  const batchTime = performance.now() - batchStarted;
  console.log(`1 zone x 10,000 records: writes ${Math.round(writes)} ms, 1,000 deletes + 1,000 posts in one batch ${Math.round(batchTime)} ms`);
  expect(result.deletes).toHaveLength(1000);
  expect(result.posts).toHaveLength(1000);
  expect(await listAll(zone.id)).toBe(10000);
  expect(writes).toBeLessThan(15000);
  expect(batchTime).toBeLessThan(5000);
  const dup = await ctx.raw("POST", `/zones/${zone.id}/dns_records`, { name: "n999", type: "A", content: "10.0.3.231", ttl: 1 });
  expect(dup.body.errors).toEqual([{ code: 81058, message: "An identical record already exists." }]);
});
