// The Pulumi engine's URL rewrite adapter: one zone Ruleset per zone for http_request_transform
// (the shared ruleset-phase helper), each rule's uri (path, query) in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { urlRewritePhase, type UrlRewriteValue } from "./normalise.ts";

export function urlRewriteRule(rule: UrlRewriteValue): types.input.RulesetRule {
  const uri: types.input.RulesetRuleActionParametersUri = {};
  if (rule.path) uri.path = { ...rule.path };
  if (rule.query) uri.query = { ...rule.query };
  return pulumiRule(rule, { uri });
}

export const pulumi = rulesetPhasePulumi(urlRewritePhase, { rule: urlRewriteRule });
