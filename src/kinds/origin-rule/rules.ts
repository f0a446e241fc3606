// Semantic rules for origin rules: unique refs, filters for the phase (shared), and a rule that
// overrides something.
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { originPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(originPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(originPhase);

export const routeRule: ZoneRule = {
  name: "origin-rule-route",
  check({ zone, locate }, report) {
    for (const rule of zone.origin_rules ?? []) {
      if (rule.host_header === undefined && rule.origin === undefined && rule.sni === undefined) {
        report({ code: "origin-rule-empty", message: "the rule overrides nothing: give host_header, origin or sni", hint: "origin: { host: backend.example.com, port: 8443 }" }, locate(rule, "ref"));
      }
    }
  },
};
