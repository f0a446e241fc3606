// The `config_rules:` key of a zone file: configuration rules (phase http_config_settings), in order.
import { phasePlacement, phaseRuleSpec, type PhaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { configPhase, configSettingsOf, type ConfigSettingValue } from "./normalise.ts";
import { configRuleSchema } from "./schema.ts";

export { configRuleKindId } from "./normalise.ts";

export interface ConfigRuleSpec extends PhaseRuleSpec {
  settings: Record<string, ConfigSettingValue>;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the configuration rules phase is not owned by this file */
    config_rules?: ConfigRuleSpec[];
  }
}

export const configPlacement = phasePlacement(configPhase, {
  description: "Configuration rules (phase http_config_settings): zone settings overridden for matching requests, evaluated in this order.",
  schema: configRuleSchema,
  build: (raw, source): ConfigRuleSpec => ({ ...phaseRuleSpec(raw, source), settings: configSettingsOf(raw.settings) }),
  assign: (zone, rules) => void (zone.config_rules = rules),
});
