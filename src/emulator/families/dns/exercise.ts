// Every write route of the DNS family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, zoneId }: ExerciseApi): Promise<void> {
  const zone_id = zoneId;
  const record = await client.dns.records.create({ zone_id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
  await client.dns.records.update(record.id, { zone_id, name: "www", type: "A", content: "192.0.2.2", ttl: 1 });
  await client.dns.records.edit(record.id, { zone_id, ttl: 300 } as never);
  await client.dns.records.batch({ zone_id, posts: [{ name: "api", type: "A", content: "192.0.2.3", ttl: 1 }] });
  await client.dns.records.delete(record.id, { zone_id });
}
