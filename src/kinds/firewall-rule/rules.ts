// Semantic rules for firewall rules: unique refs, expressions that parse, skip parameters.
import type { FirewallRuleSpec } from "./spec.ts";
import type { ZoneRule } from "../kind.ts";
import { parseExpression } from "./expression/index.ts";

export const uniqueRefRule: ZoneRule = {
  name: "firewall-unique-ref",
  check({ zone, locate }, report) {
    const seen = new Map<string, FirewallRuleSpec>();
    for (const rule of zone.firewall ?? []) {
      const first = seen.get(rule.ref);
      if (!first) seen.set(rule.ref, rule);
      else report({ code: "firewall-duplicate-ref", message: `duplicate firewall ref "${rule.ref}"`, hint: `"${rule.ref}" is already used at line ${first.source.line}; every rule needs its own ref` }, locate(rule, "ref"));
    }
  },
};

export const expressionRule: ZoneRule = {
  name: "firewall-expression",
  check({ zone, locate }, report) {
    for (const rule of zone.firewall ?? []) {
      const result = parseExpression(rule.expression);
      if (result.ok) continue;
      const { column, message, hint } = result.error;
      report(
        { code: "firewall-expression-syntax", message: `expression: ${message} (column ${column} of the expression)`, ...(hint ? { hint } : {}) },
        locate(rule, "expression", "offset" in result.error && typeof result.error.offset === "number" ? result.error.offset : Math.max(0, column - 1)),
      );
    }
  },
};

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
