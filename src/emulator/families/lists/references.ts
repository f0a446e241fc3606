// Which ruleset rules use a list: any zone or account rule whose expression names it as `$name`,
// or whose bulk redirect takes its redirects from it (from_list).
import type { EmulatorStore } from "../../store.ts";
import { accountRulesets } from "../account-rulesets/slice.ts";
import { zoneRulesets } from "../rulesets/slice.ts";
import type { RulesetRule } from "../rulesets/types.ts";

function uses(rule: RulesetRule, name: string, pattern: RegExp): boolean {
  const from = (rule.action_parameters as { from_list?: { name?: unknown } } | undefined)?.from_list?.name;
  return from === name || (typeof rule.expression === "string" && pattern.test(rule.expression));
}

export function referencingRules(store: EmulatorStore, name: string): number {
  const pattern = new RegExp(`\\$${name}(?![A-Za-z0-9_])`);
  let count = 0;
  for (const phases of [...zoneRulesets(store).values(), ...accountRulesets(store).values()]) {
    for (const ruleset of phases.values()) for (const rule of ruleset.rules) if (uses(rule, name, pattern)) count++;
  }
  return count;
}
