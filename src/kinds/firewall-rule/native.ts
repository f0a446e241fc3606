// Normalised firewall rules -> the body of one entrypoint PUT (it replaces every rule of the phase).
import type { FirewallRuleValue } from "./normalise.ts";

export const firewallPhase = "http_request_firewall_custom";

export interface FirewallApiRule {
  id?: string;
  ref: string;
  description: string;
  expression: string;
  action: string;
  action_parameters?: Record<string, unknown>;
  enabled: boolean;
}

/** Keeps Cloudflare's rule id for rules that already exist, so their history is not reset. */
export function firewallApiRules(rules: FirewallRuleValue[], liveIds: Map<string, string>): FirewallApiRule[] {
  return rules.map((rule) => {
    const body: FirewallApiRule = {
      ref: rule.ref,
      description: rule.description ?? "",
      expression: rule.expression,
      action: rule.action,
      enabled: rule.enabled,
    };
    const id = liveIds.get(rule.ref);
    if (id) body.id = id;
    if (rule.action_parameters) body.action_parameters = rule.action_parameters;
    return body;
  });
}
