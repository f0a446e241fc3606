// The Pulumi engine's configuration-rule adapter: one zone Ruleset per zone for http_config_settings
// (the shared ruleset-phase helper), each setting as the provider's camelCase action parameter.
import type { types } from "@pulumi/cloudflare";
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { configPhase, settingsOfValue, type ConfigRuleValue } from "./normalise.ts";

export function configRule(rule: ConfigRuleValue): types.input.RulesetRule {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(settingsOfValue(rule))) params[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return pulumiRule(rule, params as types.input.RulesetRuleActionParameters);
}

export const pulumi = rulesetPhasePulumi(configPhase, { rule: configRule });
