// Every write route of the Workers routes family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, zoneId }: ExerciseApi): Promise<void> {
  const zone_id = zoneId;
  const route = await client.workers.routes.create({ zone_id, pattern: "example.com/exercise/*", script: "exercise" });
  await client.workers.routes.update(route.id, { zone_id, pattern: "example.com/exercise/*", script: "exercise-v2" });
  await client.workers.routes.delete(route.id, { zone_id });
}
