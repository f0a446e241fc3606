// A WAF custom rule in one comparable form, and the firewall's ruleset phase: which phase, which
// zone-file key, and how a rule reads from the YAML and the API and writes back to both.
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { FirewallRuleSpec } from "./spec.ts";

export const firewallRuleKindId = "firewall-rule" as const;

export { normaliseExpression } from "../shared/ruleset-phase/normalise.ts";

export type FirewallRuleValue = PhaseRuleValue;

export function firewallValueFromSpec(spec: FirewallRuleSpec): FirewallRuleValue {
  return phaseRuleValue(spec);
}

/** A rule from the entrypoint ruleset; a rule without a ref (made in the dashboard) is named by its id. */
export function firewallValueFromLive(rule: Record<string, unknown>): FirewallRuleValue {
  return phaseRuleFromApi(rule);
}

export const firewallPhase: RulesetPhase<FirewallRuleValue, FirewallRuleSpec> = {
  kind: firewallRuleKindId,
  key: "firewall",
  phase: "http_request_firewall_custom",
  what: "custom firewall rules",
  noun: "firewall rule",
  code: "firewall",
  rulesOf: (zone) => zone.firewall,
  fromSpec: firewallValueFromSpec,
  fromApi: firewallValueFromLive,
  toApi(value) {
    const body: Record<string, unknown> = { ref: value.ref, description: value.description ?? "", expression: value.expression, action: value.action, enabled: value.enabled };
    if (value.action_parameters) body.action_parameters = value.action_parameters;
    return body;
  },
  toYaml: (value) => phaseRuleYaml(value, { action: value.action, action_parameters: value.action_parameters || undefined }),
};
