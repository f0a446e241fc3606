// Which zone ruleset rules use a list: any rule whose expression names it as `$name`.
import type { EmulatorStore } from "../../store.ts";
import { zoneRulesets } from "../rulesets/slice.ts";

export function referencingRules(store: EmulatorStore, name: string): number {
  const pattern = new RegExp(`\\$${name}(?![A-Za-z0-9_])`);
  let count = 0;
  for (const phases of zoneRulesets(store).values()) {
    for (const ruleset of phases.values()) {
      for (const rule of ruleset.rules) if (typeof rule.expression === "string" && pattern.test(rule.expression)) count++;
    }
  }
  return count;
}
