// Configuration rules: the `config_rules:` key of a zone file, one ruleset phase (http_config_settings).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandConfigRules } from "./expand.ts";
import { configPhase } from "./normalise.ts";
import { expressionRule, uniqueRefRule } from "./rules.ts";
import { configRuleSchema } from "./schema.ts";
import { configPlacement, configRuleKindId } from "./spec.ts";

export const configRuleKind: KindDefinition<typeof configRuleKindId, ZonePlacement> = {
  id: configRuleKindId,
  title: "Configuration rule",
  plural: "configuration rules",
  placement: configPlacement,
  schema: configRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandConfigRules(state, out),
  ordered: true,
  applyOrder: 3.45,
  permissions: [{ scope: "Zone", group: "Config Rules", api: "Config Settings" }],
  docs: phaseDocs(configPhase, "configuration rules: zone settings overridden per request"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
