// The native engine's tunnel adapter: tunnels named in the stack are resolved to ids (by name when
// the stack gives none), each one's configuration is read once, and a tunnel's changes are one PUT
// of its whole ingress (the catch-all last), keeping whatever else the configuration holds.
import type { NativeAdapter } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import type { Resource } from "../../plan/resources.ts";
import { ConfigError } from "../../shared/errors.ts";
import { serviceResource } from "./expand.ts";
import { catchAllService, ingressKey, orderIngress, tunnelServiceFromLive, tunnelServiceKindId, type TunnelServiceValue } from "./normalise.ts";

export interface TunnelPayload {
  tunnelId: string;
  tunnel: string;
  config: Record<string, unknown>;
}

/** What the read keeps of a tunnel: its name and the rest of its configuration (warp-routing...). */
export interface TunnelMeta {
  name: string;
  config?: Record<string, unknown>;
}

export interface IngressRule {
  hostname?: string;
  service: string;
  path?: string;
  originRequest?: Record<string, unknown>;
}

export function ingressRules(services: TunnelServiceValue[]): IngressRule[] {
  const rules = orderIngress(services).map((service) => {
    const rule: IngressRule = { hostname: service.hostname, service: service.service };
    if (service.path) rule.path = service.path;
    if (service.originRequest) rule.originRequest = service.originRequest;
    return rule;
  });
  return [...rules, { service: catchAllService }];
}

/** A tunnel configuration's ingress -> resources (the catch-all is not a service). */
export function ingressToResources(tunnelId: string, name: string, ingress: unknown): Resource[] {
  if (!Array.isArray(ingress)) return [];
  return (ingress as Record<string, unknown>[]).flatMap((rule) => {
    const value = tunnelServiceFromLive(rule, name);
    return value ? [{ ...serviceResource(tunnelId, `services/${ingressKey(value)}`, value), cloudId: tunnelId }] : [];
  });
}

export const native: NativeAdapter<TunnelPayload> = {
  kind: tunnelServiceKindId,
  async resolve(desired, ctx) {
    const ids = new Map<string, string>();
    // every tunnel the stack names: one without services is still managed (its ingress is the catch-all)
    const used = new Set(desired.services.map((service) => service.tunnel));
    const names = [...new Set([...used, ...Object.keys(ctx.stack.tunnels)])].filter((name) => name in ctx.stack.tunnels).sort();
    for (const name of names) {
      const explicit = ctx.stack.tunnels[name]?.id;
      if (explicit) {
        ids.set(name, explicit);
        continue;
      }
      const accountId = await ctx.accountId();
      const page = await call(`look up tunnel "${name}"`, () => ctx.client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, name, is_deleted: false }));
      const found = page.result.find((tunnel) => tunnel.name === name && !tunnel.deleted_at);
      if (!found?.id && !used.has(name)) continue; // named but unused and absent: nothing to manage
      if (!found?.id) {
        throw new ConfigError(`tunnel "${name}" (named in ${ctx.stack.file}) does not exist in account ${accountId}`, {
          file: ctx.stack.file,
          hint: `create it with \`cloudflared tunnel create ${name}\`, or set tunnels.${name}.id in ${ctx.stack.file}`,
        });
      }
      ids.set(name, found.id);
    }
    return ids;
  },
  probe: ({ accountId }, { client }) => call("list tunnels", () => client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, per_page: 1 })),
  async readAccount(scopes, ctx) {
    const names = new Map([...ctx.resolved].map(([name, id]) => [id, name]));
    const accountId = scopes.length > 0 ? await ctx.accountId() : "";
    const resources: Resource[] = [];
    const meta: Record<string, TunnelMeta> = {};
    for (const id of scopes) {
      const name = names.get(id) ?? id;
      const result = await call(`read the configuration of tunnel "${name}"`, () => ctx.client.zeroTrust.tunnels.cloudflared.configurations.get(id, { account_id: accountId }));
      const config = (result as unknown as { config?: Record<string, unknown> | null }).config ?? undefined;
      meta[id] = config ? { name, config } : { name };
      resources.push(...ingressToResources(id, name, config?.ingress));
    }
    return { resources, meta };
  },
  // A service is an ingress rule: its changes are logged against the tunnel's configuration.
  auditResource: ({ resource }) => (resource ? { id: resource.scope, types: ["tunnel_configuration", "tunnel"] } : undefined),
  payload({ want, have, desired, meta }) {
    const tunnelId = (want ?? have)!.scope;
    const tunnel = meta as TunnelMeta | undefined;
    const services = desired.map((resource) => resource.value as unknown as TunnelServiceValue);
    return { tunnelId, tunnel: tunnel?.name ?? tunnelId, config: { ...(tunnel?.config ?? {}), ingress: ingressRules(services) } };
  },
  writes(changes, ctx) {
    const byTunnel = new Map<string, typeof changes>();
    for (const change of changes) if (change.payload) byTunnel.set(change.payload.tunnelId, [...(byTunnel.get(change.payload.tunnelId) ?? []), change]);
    return [...byTunnel.values()].map((group) => {
      const { tunnelId, tunnel, config } = group[0]!.payload!;
      return {
        changes: group,
        run: async () => {
          const accountId = await ctx.accountId();
          return call(`update the ingress of tunnel "${tunnel}"`, () => ctx.client.zeroTrust.tunnels.cloudflared.configurations.update(tunnelId, { account_id: accountId, config } as never));
        },
      };
    });
  },
};
