// Counts what git declares per zone and kind, for cfgitops_managed_resources.
import type { DesiredState } from "../desired-state/types.ts";

export interface ManagedCount {
  zone?: string;
  kind: string;
  count: number;
}

function zoneOf(hostname: string, zones: string[]): string | undefined {
  return zones.filter((zone) => hostname === zone || hostname.endsWith(`.${zone}`)).sort((a, b) => b.length - a.length)[0];
}

export function countManaged(desired: DesiredState): ManagedCount[] {
  const counts: ManagedCount[] = [];
  for (const zone of desired.zones) {
    if (zone.dns) counts.push({ zone: zone.zone, kind: "dns-record", count: zone.dns.length });
    if (zone.settings) counts.push({ zone: zone.zone, kind: "zone-settings", count: Object.keys(zone.settings.values).length });
    if (zone.firewall) counts.push({ zone: zone.zone, kind: "firewall-rule", count: zone.firewall.length });
  }
  const zoneNames = desired.zones.map((zone) => zone.zone);
  const services = new Map<string, number>();
  for (const service of desired.services) {
    const zone = zoneOf(service.hostname, zoneNames) ?? "account";
    services.set(zone, (services.get(zone) ?? 0) + 1);
  }
  for (const [zone, count] of services) counts.push({ zone, kind: "tunnel-service", count });
  return counts;
}
