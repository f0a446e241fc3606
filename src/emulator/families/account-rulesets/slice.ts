// The account-rulesets family's store slice (state file key `accountRulesets`, which older state
// files lack): per account, each phase's entrypoint (kind root).
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { Ruleset } from "../rulesets/types.ts";

export const accountRulesetsSlice = defineSlice<Map<string, Map<string, Ruleset>>>({
  keys: ["accountRulesets"],
  create: () => new Map(),
  snapshot: (accounts) => ({ accountRulesets: Object.fromEntries([...accounts].map(([accountId, phases]) => [accountId, [...phases.values()]])) }),
  load(accounts, snapshot) {
    for (const [accountId, rulesets] of Object.entries((snapshot.accountRulesets as Record<string, Ruleset[]> | undefined) ?? {})) {
      accounts.set(accountId, new Map(rulesets.map((ruleset) => [ruleset.phase, ruleset])));
    }
  },
});

/** Every account's entrypoint rulesets: account id -> phase -> ruleset. */
export function accountRulesets(store: EmulatorStore): Map<string, Map<string, Ruleset>> {
  return store.slice(accountRulesetsSlice);
}
