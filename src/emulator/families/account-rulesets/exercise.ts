// Every write route of the account-rulesets family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, accountId }: ExerciseApi): Promise<void> {
  const account_id = accountId;
  await client.rules.lists.create({ account_id, kind: "redirect", name: "exercise_redirects" });
  const rule = { action: "redirect" as const, expression: "http.request.full_uri in $exercise_redirects", action_parameters: { from_list: { name: "exercise_redirects", key: "http.request.full_uri" } } };
  const entrypoint = (await client.rulesets.phases.update("http_request_redirect", { account_id, rules: [rule] })) as { id: string };
  await client.rulesets.update(entrypoint.id, { account_id, rules: [] });
  await client.rulesets.delete(entrypoint.id, { account_id });
  await client.rulesets.create({ account_id, name: "bulk", kind: "root", phase: "http_request_redirect", rules: [] });
}
