// The Pulumi engine's rate-limit adapter: one zone Ruleset per zone for http_ratelimit (the shared
// ruleset-phase helper), each rule with its ratelimit block in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { rateLimitPhase, type RateLimitValue } from "./normalise.ts";

export function rateLimitRule(rule: RateLimitValue): types.input.RulesetRule {
  const out: types.input.RulesetRule = {
    ref: rule.ref,
    expression: rule.expression,
    action: rule.action,
    enabled: rule.enabled,
    ratelimit: {
      characteristics: rule.characteristics,
      period: rule.period,
      requestsPerPeriod: rule.requests_per_period,
      mitigationTimeout: rule.mitigation_timeout,
      requestsToOrigin: rule.requests_to_origin === true,
    },
  };
  if (rule.description !== undefined) out.description = rule.description;
  return out;
}

export const pulumi = rulesetPhasePulumi(rateLimitPhase, { rule: rateLimitRule });
