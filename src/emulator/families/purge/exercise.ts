// Every write route of the purge family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, zoneId }: ExerciseApi): Promise<void> {
  await client.cache.purge({ zone_id: zoneId, purge_everything: true });
}
