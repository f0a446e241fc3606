// The `firewall:` key of a zone file: WAF custom rules, evaluated in the order written.
import type { SourceLocation } from "../../desired-state/types.ts";
import { fragment, isRecord, type ZonePlacement } from "../kind.ts";
import { phaseCount, phaseToYaml } from "../shared/ruleset-phase/expand.ts";
import { firewallPhase } from "./normalise.ts";
import { firewallRuleSchema, type FirewallAction } from "./schema.ts";

export { firewallRuleKindId } from "./normalise.ts";

export { firewallActions, type FirewallAction } from "./schema.ts";

export interface FirewallRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  action: FirewallAction;
  action_parameters?: Record<string, unknown>;
  enabled: boolean; // default true
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the custom firewall phase is not owned by this file */
    firewall?: FirewallRuleSpec[];
  }
}

function buildRule(raw: Record<string, unknown>, source: SourceLocation): FirewallRuleSpec {
  const rule: FirewallRuleSpec = { ref: String(raw.ref), expression: String(raw.expression), action: raw.action as FirewallAction, enabled: raw.enabled !== false, source };
  if (typeof raw.description === "string") rule.description = raw.description;
  if (isRecord(raw.action_parameters)) rule.action_parameters = raw.action_parameters;
  return rule;
}

export const firewallPlacement: ZonePlacement = {
  scope: "zone",
  keys: { firewall: { description: "WAF custom rules, evaluated in this order.", schema: { type: "array", items: fragment(firewallRuleSchema) } } },
  build(raw, zone, ctx) {
    if (!Array.isArray(raw.firewall)) return;
    const rules: FirewallRuleSpec[] = [];
    raw.firewall.forEach((item, index) => {
      if (!isRecord(item) || ctx.failed(`firewall/${index}`)) return;
      const source = ctx.at(["firewall", index]);
      const rule = buildRule(item, source);
      ctx.register(rule, ["firewall", index], source);
      rules.push(rule);
    });
    zone.firewall = rules;
  },
  count: (zone) => phaseCount(firewallPhase, zone),
  toYaml: (live) => phaseToYaml(firewallPhase, live),
};
