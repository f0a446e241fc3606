// Every write route of the zones family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, accountId }: ExerciseApi): Promise<void> {
  await client.zones.create({ account: { id: accountId }, name: "exercise-zones.example" });
}
