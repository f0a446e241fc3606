// Tunnels named in the stack: resolved to ids by name, and their configuration read once.
import type Cloudflare from "cloudflare";
import type { StackConfig } from "../../desired-state/types.ts";
import { ConfigError } from "../../shared/errors.ts";
import { call } from "./call.ts";

export interface LiveTunnel {
  name: string;
  id: string;
  /** The configuration object (`config`), undefined when the tunnel has none yet. */
  config?: Record<string, unknown>;
}

export async function resolveTunnelId(client: Cloudflare, accountId: string, stack: StackConfig, name: string): Promise<string> {
  const explicit = stack.tunnels[name]?.id;
  if (explicit) return explicit;
  const page = await call(`look up tunnel "${name}"`, () =>
    client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, name, is_deleted: false }),
  );
  const found = page.result.find((tunnel) => tunnel.name === name && !tunnel.deleted_at);
  if (!found?.id) {
    throw new ConfigError(`tunnel "${name}" (named in ${stack.file}) does not exist in account ${accountId}`, {
      file: stack.file,
      hint: `create it with \`cloudflared tunnel create ${name}\`, or set tunnels.${name}.id in ${stack.file}`,
    });
  }
  return found.id;
}

export async function readTunnelConfig(client: Cloudflare, accountId: string, name: string, id: string): Promise<LiveTunnel> {
  const result = await call(`read the configuration of tunnel "${name}"`, () =>
    client.zeroTrust.tunnels.cloudflared.configurations.get(id, { account_id: accountId }),
  );
  const config = (result as unknown as { config?: Record<string, unknown> | null }).config;
  return config ? { name, id, config } : { name, id };
}

export async function putTunnelConfig(client: Cloudflare, accountId: string, tunnel: LiveTunnel, body: { config: Record<string, unknown> }): Promise<void> {
  await call(`update the ingress of tunnel "${tunnel.name}"`, () =>
    client.zeroTrust.tunnels.cloudflared.configurations.update(tunnel.id, { account_id: accountId, ...body } as never),
  );
}
