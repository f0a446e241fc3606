// Every write route of the tunnels family, for the audit test (test/emulator-audit.test.ts).
import type { ExerciseApi } from "../family.ts";

export async function exercise({ client, accountId }: ExerciseApi): Promise<void> {
  const account_id = accountId;
  const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id, name: "exercise-pi", config_src: "cloudflare" });
  await client.zeroTrust.tunnels.cloudflared.configurations.update(tunnel.id!, { account_id, config: { ingress: [{ hostname: "*", service: "http_status:404" }] } });
  await client.zeroTrust.tunnels.cloudflared.delete(tunnel.id!, { account_id });
}
