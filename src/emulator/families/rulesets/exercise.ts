// Every write route of the rulesets family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, zoneId }: ExerciseApi): Promise<void> {
  const zone_id = zoneId;
  await client.rulesets.phases.update("http_request_firewall_custom", { zone_id, rules: [{ ref: "r", action: "block", expression: "ip.src eq 192.0.2.9" }] });
  const created = (await client.rulesets.create({ zone_id, name: "rl", kind: "zone", phase: "http_ratelimit", rules: [] })) as { id: string };
  await client.rulesets.update(created.id, { zone_id, rules: [] });
  await client.rulesets.delete(created.id, { zone_id });
}
