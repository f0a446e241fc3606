// A ruleset phase's zone-file key: the list of rules, each built from its (schema-checked) YAML
// mapping with its position registered so rules can locate its fields, in YAML order. The key
// (even an empty list) claims the phase; import writes it only when the phase has rules.
import type { SourceLocation } from "../../../desired-state/types.ts";
import { fragment, isRecord, type JsonSchema, type ZonePlacement } from "../../kind.ts";
import { phaseCount, phaseToYaml } from "./expand.ts";
import type { PhaseRuleValue } from "./normalise.ts";
import type { RulesetPhase } from "./phase.ts";

/** What every rule's spec has; a kind's spec adds its own fields. */
export interface PhaseRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  enabled: boolean;
  source: SourceLocation;
}

/** The fields every rule has, from the YAML; `build` adds the kind's own. */
export function phaseRuleSpec(raw: Record<string, unknown>, source: SourceLocation): PhaseRuleSpec {
  const rule: PhaseRuleSpec = { ref: String(raw.ref), expression: String(raw.expression), enabled: raw.enabled !== false, source };
  if (typeof raw.description === "string") rule.description = raw.description;
  return rule;
}

export interface PhasePlacementInput<Spec> {
  /** The key's description in the zone file schema. */
  description: string;
  /** JSON Schema of one rule. */
  schema: JsonSchema;
  /** One rule from its YAML mapping (`phaseRuleSpec` gives the common fields). */
  build(raw: Record<string, unknown>, source: SourceLocation): Spec;
  /** Sets the zone's list (the kind declares its key on ZoneSpec). */
  assign(zone: Parameters<ZonePlacement["build"]>[1], rules: Spec[]): void;
}

export function phasePlacement<Value extends PhaseRuleValue, Spec extends object>(phase: RulesetPhase<Value, Spec>, input: PhasePlacementInput<Spec>): ZonePlacement {
  const key = phase.key;
  return {
    scope: "zone",
    keys: { [key]: { description: input.description, schema: { type: "array", items: fragment(input.schema) } } },
    build(raw, zone, ctx) {
      const list = raw[key];
      if (!Array.isArray(list)) return;
      const rules: Spec[] = [];
      list.forEach((item, index) => {
        if (!isRecord(item) || ctx.failed(`${key}/${index}`)) return;
        const source = ctx.at([key, index]);
        const rule = input.build(item, source);
        ctx.register(rule, [key, index], source);
        rules.push(rule);
      });
      input.assign(zone, rules);
    },
    count: (zone) => phaseCount(phase, zone),
    toYaml: (live) => phaseToYaml(phase, live),
  };
}
