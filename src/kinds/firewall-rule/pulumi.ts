// Pulumi mapping of WAF custom rules: one zone Ruleset per zone for the http_request_firewall_custom
// phase, rules in the YAML's order, each carrying its `ref` (the rule's identity).
import type { RulesetArgs, types } from "@pulumi/cloudflare";
import type { FirewallRuleSpec } from "../../desired-state/types.ts";

export const firewallPhase = "http_request_firewall_custom";

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

export function rulesetRule(rule: FirewallRuleSpec): types.input.RulesetRule {
  const out: types.input.RulesetRule = {
    ref: rule.ref,
    expression: rule.expression,
    action: rule.action,
    enabled: rule.enabled,
  };
  if (rule.description !== undefined) out.description = rule.description;
  if (rule.action_parameters) out.actionParameters = actionParameters(rule.action_parameters);
  return out;
}

export function firewallRulesetArgs(zoneId: string, zone: string, rules: FirewallRuleSpec[]): RulesetArgs {
  return {
    zoneId,
    name: `cf-gitops ${zone} custom firewall`,
    kind: "zone",
    phase: firewallPhase,
    rules: rules.map(rulesetRule),
  };
}

function snakeDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeDeep);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = item === null || item === undefined ? undefined : snakeDeep(item);
    const empty = typeof converted === "object" && converted !== null && !Array.isArray(converted) && Object.keys(converted).length === 0;
    if (converted === undefined || empty) continue; // the provider's state spells absent parameters as nulls
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = converted;
  }
  return out;
}

/** A Ruleset's Pulumi state (inputs or outputs) -> its rules in the API's shape, in order. */
export function rulesetStateToApiRules(state: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const rules = Array.isArray(state?.rules) ? (state.rules as unknown[]) : [];
  return rules
    .filter((rule): rule is Record<string, unknown> => typeof rule === "object" && rule !== null)
    .map((rule) => snakeDeep(rule) as Record<string, unknown>);
}
