// Every write route of the lists family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, accountId }: ExerciseApi): Promise<void> {
  const account_id = accountId;
  const list = await client.rules.lists.create({ account_id, kind: "ip", name: "exercise_ips" });
  await client.rules.lists.update(list.id, { account_id, description: "d" });
  await client.rules.lists.items.create(list.id, { account_id, body: [{ ip: "192.0.2.1" }] });
  const items = await client.rules.lists.items.update(list.id, { account_id, body: [{ ip: "192.0.2.2" }] });
  await client.rules.lists.bulkOperations.get(items.operation_id, { account_id });
  const [item] = (await client.rules.lists.items.list(list.id, { account_id })).result as Array<{ id: string }>;
  await client.rules.lists.items.delete(list.id, { account_id, items: [{ id: item!.id }] });
  await client.rules.lists.delete(list.id, { account_id });
}
