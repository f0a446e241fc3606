// A tunnel service -> its ingress rule on the tunnel (the tunnel's whole ingress is then owned)
// and the proxied CNAME its hostname needs, in the longest zone that contains it.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import { ConfigError } from "../../shared/errors.ts";
import { dnsResource } from "../dns-record/expand.ts";
import type { ExpandContext, ExpandOutput } from "../kind.ts";
import { zoneOf } from "../shared/names.ts";
import { tunnelCnameTarget, tunnelServiceFromSpec, tunnelServiceKey, tunnelServiceKindId, type TunnelServiceValue } from "./normalise.ts";

export function serviceResource(tunnelId: string, id: string, value: TunnelServiceValue): Resource {
  return { kind: tunnelServiceKindId, key: tunnelServiceKey(tunnelId, value), id, scope: tunnelId, value: { ...value } };
}

export function expandServices(state: DesiredState, ctx: ExpandContext, out: ExpandOutput): void {
  // every tunnel the stack names is owned, so removing its last service leaves only the catch-all
  for (const tunnelId of ctx.ids.values()) out.claim(tunnelServiceKindId, tunnelId);
  for (const service of state.services) {
    const tunnelId = ctx.ids.get(service.tunnel);
    if (tunnelId === undefined) {
      throw new ConfigError(`service "${service.service}" uses tunnel "${service.tunnel}", which the stack does not name`, {
        file: service.file,
        hint: `add it to the stack file: tunnels: { ${service.tunnel}: {} }`,
      });
    }
    out.claim(tunnelServiceKindId, tunnelId);
    const value = tunnelServiceFromSpec(service);
    out.resources.push({ ...serviceResource(tunnelId, `services/${service.service}`, value), source: service.source });
    const zone = zoneOf(service.hostname, ctx.zoneNames);
    if (zone === undefined) {
      throw new ConfigError(`service "${service.service}": no zone in the account or desired state contains ${service.hostname}`, {
        file: service.file,
        hint: "add the zone's file under desired-state/zones/ or fix the hostname",
      });
    }
    const cname = dnsResource(zone, { name: value.hostname, type: "CNAME", content: tunnelCnameTarget(tunnelId), proxied: true, ttl: 1, tags: [] }, service.source);
    // two services on one hostname (different paths) share a CNAME
    if (!out.resources.some((r) => r.key === cname.key && r.variant === cname.variant)) out.resources.push(cname);
  }
}
