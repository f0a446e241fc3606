// The rulesets family's store slice (state file key `rulesets`): per zone, each phase's entrypoint.
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { Ruleset } from "./types.ts";

export const rulesetsSlice = defineSlice<Map<string, Map<string, Ruleset>>>({
  keys: ["rulesets"],
  create: () => new Map(),
  snapshot: (zones) => ({ rulesets: Object.fromEntries([...zones].map(([zoneId, phases]) => [zoneId, [...phases.values()]])) }),
  load(zones, snapshot) {
    for (const [zoneId, rulesets] of Object.entries((snapshot.rulesets as Record<string, Ruleset[]> | undefined) ?? {})) {
      zones.set(zoneId, new Map(rulesets.map((ruleset) => [ruleset.phase, ruleset])));
    }
  },
});

/** Every zone's entrypoint rulesets: zone id -> phase -> ruleset. */
export function zoneRulesets(store: EmulatorStore): Map<string, Map<string, Ruleset>> {
  return store.slice(rulesetsSlice);
}
