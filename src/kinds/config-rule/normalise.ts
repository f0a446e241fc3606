// A configuration rule in one comparable form, each setting flattened to a field of its own (so
// drift names the setting), and the http_config_settings phase. Settings cf-gitops does not know
// (newer than its table) are left out, as cache rules leave out parameters they do not manage.
import { isRecord } from "../kind.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import { configSettingNames } from "./schema.ts";
import type { ConfigRuleSpec } from "./spec.ts";

export const configRuleKindId = "config-rule" as const;

export type ConfigSettingValue = boolean | string;

export interface ConfigRuleValue extends PhaseRuleValue {
  [setting: string]: unknown;
}

/** The known settings of a mapping (the YAML's `settings`, the API's action_parameters), in table order. */
export function configSettingsOf(raw: unknown): Record<string, ConfigSettingValue> {
  const fields = isRecord(raw) ? raw : {};
  const out: Record<string, ConfigSettingValue> = {};
  for (const name of configSettingNames) {
    const value = fields[name];
    if (typeof value === "boolean" || typeof value === "string") out[name] = value;
  }
  return out;
}

/** The settings of a comparable value. */
export function settingsOfValue(value: ConfigRuleValue): Record<string, ConfigSettingValue> {
  return configSettingsOf(value);
}

export const configPhase: RulesetPhase<ConfigRuleValue, ConfigRuleSpec> = {
  kind: configRuleKindId,
  key: "config_rules",
  phase: "http_config_settings",
  what: "configuration rules",
  noun: "configuration rule",
  code: "config-rule",
  rulesOf: (zone) => zone.config_rules,
  fromSpec: (spec) => ({ ...phaseRuleValue({ ...spec, action: "set_config" }), ...configSettingsOf(spec.settings) }),
  fromApi: (rule) => ({ ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...configSettingsOf(rule.action_parameters) }),
  toApi: (value) => ({ ref: value.ref, description: value.description ?? "", expression: value.expression, action: "set_config", action_parameters: settingsOfValue(value), enabled: value.enabled }),
  toYaml: (value) => phaseRuleYaml(value, { settings: settingsOfValue(value) }),
};
