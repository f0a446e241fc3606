// The Pulumi engine's redirect adapter: one zone Ruleset per zone for http_request_dynamic_redirect
// (the shared ruleset-phase helper), each rule's from_value in the provider's shape.
import type { types } from "@pulumi/cloudflare";
import { rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { redirectPhase, type RedirectValue } from "./normalise.ts";

export function redirectRule(rule: RedirectValue): types.input.RulesetRule {
  const targetUrl = "expression" in rule.target_url ? { expression: rule.target_url.expression } : { value: rule.target_url.value };
  const out: types.input.RulesetRule = {
    ref: rule.ref,
    expression: rule.expression,
    action: "redirect",
    enabled: rule.enabled,
    actionParameters: { fromValue: { targetUrl, statusCode: rule.status_code, preserveQueryString: rule.preserve_query_string === true } },
  };
  if (rule.description !== undefined) out.description = rule.description;
  return out;
}

export const pulumi = rulesetPhasePulumi(redirectPhase, { rule: redirectRule });
