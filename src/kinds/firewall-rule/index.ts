import type { KindDefinition } from "../kind.ts";
import { expressionRule, skipParametersRule, uniqueRefRule } from "./rules.ts";
import { firewallRuleSchema } from "./schema.ts";

export const firewallRuleKind: KindDefinition = {
  id: "firewall-rule",
  title: "Firewall rule",
  schema: firewallRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, skipParametersRule],
  stateRules: [],
};
