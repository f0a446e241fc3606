// The Pulumi engine's cache-rule adapter: one zone Ruleset per zone for http_request_cache_settings
// (the shared ruleset-phase helper), each rule's cache settings in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { cachePhase, type CacheRuleValue, type Ttl } from "./normalise.ts";

function ttlArgs(ttl: Ttl): { mode: string; default?: number } {
  return ttl.default === undefined ? { mode: ttl.mode } : { mode: ttl.mode, default: ttl.default };
}

export function cacheRule(rule: CacheRuleValue): types.input.RulesetRule {
  const params: types.input.RulesetRuleActionParameters = {};
  if (rule.cache !== undefined) params.cache = rule.cache;
  if (rule.edge_ttl) params.edgeTtl = ttlArgs(rule.edge_ttl);
  if (rule.browser_ttl) params.browserTtl = ttlArgs(rule.browser_ttl);
  const out: types.input.RulesetRule = { ref: rule.ref, expression: rule.expression, action: "set_cache_settings", enabled: rule.enabled, actionParameters: params };
  if (rule.description !== undefined) out.description = rule.description;
  return out;
}

export const pulumi = rulesetPhasePulumi(cachePhase, { rule: cacheRule });
