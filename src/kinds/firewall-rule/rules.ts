// Semantic rules for firewall rules: unique refs and expressions that parse, with declared $lists
// (the shared ruleset-phase rules), and skip parameters.
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { firewallPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(firewallPhase);

export const expressionRule: ZoneRule = phaseExpressionRule(firewallPhase);

export const skipParametersRule: ZoneRule = {
  name: "firewall-skip-parameters",
  check({ zone, locate }, report) {
    for (const rule of zone.firewall ?? []) {
      if (rule.action === "skip" && !rule.action_parameters) {
        report({ code: "firewall-skip-without-parameters", message: "a skip rule needs `action_parameters` saying what to skip", hint: 'e.g. action_parameters: { ruleset: current } or { products: [waf] }' }, locate(rule, "action"));
      }
      if (rule.action !== "skip" && rule.action_parameters) {
        report({ code: "firewall-parameters-not-applicable", message: `\`action_parameters\` is only used with action skip, not ${rule.action}`, hint: "remove action_parameters" }, locate(rule, "action_parameters"));
      }
    }
  },
};
