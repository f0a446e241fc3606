// Every write route of the Access family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, accountId, raw }: ExerciseApi): Promise<void> {
  const account_id = accountId;
  const access = client.zeroTrust.access;
  const idp = await client.zeroTrust.identityProviders.create({ account_id, name: "One-time PIN", type: "onetimepin", config: {} } as never);
  const token = await access.serviceTokens.create({ account_id, name: "exercise-ci" });
  const group = await access.groups.create({ account_id, name: "exercise", include: [{ email: { email: "a@example.com" } }] });
  await access.groups.update(group.id!, { account_id, name: "exercise", include: [{ email_domain: { domain: "example.com" } }, { login_method: { id: idp.id! } }] } as never);
  const policy = await access.policies.create({ account_id, name: "exercise", decision: "allow", include: [{ group: { id: group.id! } }, { service_token: { token_id: token.id! } }] });
  await access.policies.update(policy.id!, { account_id, name: "exercise", decision: "allow", include: [{ group: { id: group.id! } }] });
  const app = await access.applications.create({ account_id, type: "self_hosted", domain: "exercise.example.com", name: "exercise", policies: [{ id: policy.id!, precedence: 1 }] } as never);
  await access.applications.update(app.id!, { account_id, type: "self_hosted", domain: "exercise.example.com", name: "exercise", session_duration: "12h", policies: [{ id: policy.id!, precedence: 1 }] } as never);
  await access.applications.delete(app.id!, { account_id });
  await access.policies.delete(policy.id!, { account_id });
  await access.groups.delete(group.id!, { account_id });
  await access.serviceTokens.delete(token.id!, { account_id });
  await raw("DELETE", `/accounts/${account_id}/access/identity_providers/${idp.id!}`);
}
