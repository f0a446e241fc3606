// What the inline program needs besides the desired state: ids looked up before it runs.
// Kept free of @pulumi/* imports so the adapter can prepare it before loading the SDK.
import type { DesiredState, TunnelServiceSpec } from "../../desired-state/types.ts";

export interface ProgramInput {
  desired: DesiredState;
  accountId: string;
  /** zone name -> Cloudflare zone id, for every zone in desired state and every service hostname's zone. */
  zoneIds: Record<string, string>;
  /** tunnel name (as in the stack file) -> tunnel id. */
  tunnelIds: Record<string, string>;
  /** logical name -> Pulumi import id, for objects that exist live but are not in the stack's state yet. */
  imports: Record<string, string>;
  /** The provider's API base URL (the emulator in tests); Cloudflare's own when absent. */
  baseUrl?: string;
}

/** The zone a hostname belongs to: the longest known zone name that is a suffix of it. */
export function zoneOfHostname(hostname: string, zones: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const zone of zones) {
    if ((hostname === zone || hostname.endsWith(`.${zone}`)) && zone.length > (best?.length ?? 0)) best = zone;
  }
  return best;
}

/** Services grouped by the tunnel they run on, tunnels sorted by name. */
export function servicesByTunnel(services: TunnelServiceSpec[]): Map<string, TunnelServiceSpec[]> {
  const groups = new Map<string, TunnelServiceSpec[]>();
  for (const service of [...services].sort((a, b) => a.tunnel.localeCompare(b.tunnel))) {
    const group = groups.get(service.tunnel) ?? [];
    group.push(service);
    groups.set(service.tunnel, group);
  }
  return groups;
}
