// Every write route of the settings family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, zoneId, raw }: ExerciseApi): Promise<void> {
  await client.zones.settings.edit("ssl", { zone_id: zoneId, value: "strict" } as never);
  await raw("PATCH", `/zones/${zoneId}/settings`, { items: [{ id: "always_use_https", value: "on" }] });
}
