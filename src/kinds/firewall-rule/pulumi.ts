// The Pulumi engine's firewall adapter: one zone Ruleset per zone for the custom phase (the shared
// ruleset-phase helper), with the `skip` action's parameters in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { firewallPhase, type FirewallRuleValue } from "./normalise.ts";

type ActionParameters = types.input.RulesetRuleActionParameters;

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** The `skip` action's parameters (the only action with parameters among the supported ones). */
export function actionParameters(parameters: Record<string, unknown>): ActionParameters {
  const out: ActionParameters = {};
  if (typeof parameters.ruleset === "string") out.ruleset = parameters.ruleset;
  const phases = strings(parameters.phases);
  if (phases) out.phases = phases;
  const products = strings(parameters.products);
  if (products) out.products = products;
  const rulesets = strings(parameters.rulesets);
  if (rulesets) out.rulesets = rulesets;
  if (typeof parameters.rules === "object" && parameters.rules !== null) {
    out.rules = Object.fromEntries(Object.entries(parameters.rules).map(([key, ids]) => [key, strings(ids) ?? []]));
  }
  return out;
}

export function rulesetRule(rule: FirewallRuleValue): types.input.RulesetRule {
  const out: types.input.RulesetRule = { ref: rule.ref, expression: rule.expression, action: rule.action, enabled: rule.enabled };
  if (rule.description !== undefined) out.description = rule.description;
  if (rule.action_parameters) out.actionParameters = actionParameters(rule.action_parameters);
  return out;
}

export const pulumi = rulesetPhasePulumi(firewallPhase, { rule: rulesetRule });
