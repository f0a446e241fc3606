// Counts what git declares per zone and kind, for cfgitops_managed_resources: each kind counts its
// part of each zone file; kinds with files of their own (lists, tunnel services) are account-level
// objects and count under zone="account", as their drift does (issue 23).
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
  for (const kind of kinds) {
    const placement: Placement = kind.placement; // each kind's own spec type, seen generically
    if (placement.scope === "zone") {
      for (const zone of desired.zones) {
        const count = placement.count(zone);
        if (count !== undefined) counts.push({ zone: zone.zone, kind: kind.id, count });
      }
      continue;
    }
    const count = placement.all(desired).length;
    if (count > 0) counts.push({ zone: "account", kind: kind.id, count });
  }
  return counts;
}
