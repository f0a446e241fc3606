// The Pulumi engine's origin-rule adapter: one zone Ruleset per zone for http_request_origin (the
// shared ruleset-phase helper), each rule's route parameters in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { originPhase, type OriginRuleValue } from "./normalise.ts";

export function originRule(rule: OriginRuleValue): types.input.RulesetRule {
  const params: types.input.RulesetRuleActionParameters = {};
  if (rule.host_header) params.hostHeader = rule.host_header;
  if (rule.origin) params.origin = { ...rule.origin };
  if (rule.sni) params.sni = { value: rule.sni };
  return pulumiRule(rule, params);
}

export const pulumi = rulesetPhasePulumi(originPhase, { rule: originRule });
