// Counts what git declares per zone and kind, for cfgitops_managed_resources: each kind counts its
// part of each zone file, or its own files under the zone they belong to ("account" when none).
import type { DesiredState } from "../desired-state/types.ts";
import type { Placement } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";

export interface ManagedCount {
  zone?: string;
  kind: string;
  count: number;
}

export function countManaged(desired: DesiredState): ManagedCount[] {
  const counts: ManagedCount[] = [];
  const zoneNames = desired.zones.map((zone) => zone.zone);
  for (const kind of kinds) {
    const placement: Placement = kind.placement; // each kind's own spec type, seen generically
    if (placement.scope === "zone") {
      for (const zone of desired.zones) {
        const count = placement.count(zone);
        if (count !== undefined) counts.push({ zone: zone.zone, kind: kind.id, count });
      }
      continue;
    }
    const perZone = new Map<string, number>();
    for (const spec of placement.all(desired)) {
      const zone = placement.zoneOf(spec, zoneNames) ?? "account";
      perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
    }
    for (const [zone, count] of perZone) counts.push({ zone, kind: kind.id, count });
  }
  return counts;
}
