// A zone file's list of rules -> one resource per rule, in order; the key (even an empty list)
// claims the whole phase, so live rules it does not list are deleted.
import type { DesiredState, ZoneSpec } from "../../../desired-state/types.ts";
import type { Resource } from "../../../plan/resources.ts";
import type { ExpandOutput, ImportedSection } from "../../kind.ts";
import { isRecord } from "../../kind.ts";
import type { PhaseRuleValue } from "./normalise.ts";
import { phaseRuleId, type RulesetPhase } from "./phase.ts";

export function phaseRuleResource(phase: Pick<RulesetPhase, "kind" | "key">, zone: string, value: PhaseRuleValue): Resource {
  const id = phaseRuleId(zone, phase.key, value.ref);
  return { kind: phase.kind, key: id, id, zone, scope: zone, value: { ...value } };
}

export function expandPhase<Value extends PhaseRuleValue, Spec extends { source: Resource["source"] }>(phase: RulesetPhase<Value, Spec>, state: DesiredState, out: ExpandOutput): void {
  for (const zone of state.zones) {
    const rules = phase.rulesOf(zone);
    if (!rules) continue;
    out.claim(phase.kind, zone.zone);
    for (const rule of rules) {
      const resource = phaseRuleResource(phase, zone.zone, phase.fromSpec(rule));
      if (rule.source) resource.source = rule.source;
      out.resources.push(resource);
    }
  }
}

/** `import`: the phase's live rules in order, as the zone file's list. */
export function phaseToYaml<Value extends PhaseRuleValue, Spec>(phase: RulesetPhase<Value, Spec>, live: Resource[]): ImportedSection {
  const rules = live.map((resource) => phase.toYaml(resource.value as unknown as Value));
  if (rules.length === 0 && !phase.importEmpty) return { keys: {}, written: [], summary: [] };
  return {
    keys: { [phase.key]: rules },
    written: live,
    summary: [`${rules.length} ${phase.noun}(s)`],
    itemKey: (key, item) => (key === phase.key && isRecord(item) && typeof item.ref === "string" ? `${phase.key}/${item.ref}` : undefined),
  };
}

/** How many rules a zone file lists for the phase (undefined: the phase is not managed). */
export function phaseCount<Spec>(phase: RulesetPhase<PhaseRuleValue, Spec>, zone: ZoneSpec): number | undefined {
  return phase.rulesOf(zone)?.length;
}
