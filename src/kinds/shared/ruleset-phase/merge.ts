// How profiles merge a ruleset phase's list (docs/profiles.md): the rules of each profile in `use:`
// order, then the zone's own; a `ref` given twice (two profiles, or a profile and the zone) is a
// conflict. Every phase kind gets this without declaring it: its key's item schema comes from
// phaseRuleSchema, which marks it here.
import type { KeyMerge, ZoneKey } from "../../kind.ts";

export const phaseRuleMerge: KeyMerge = { rule: "concat", identity: ["ref"] };

/** The `properties` object of each schema phaseRuleSchema built (kept by reference through fragment()). */
const phaseRuleProperties = new WeakSet<object>();

export function markPhaseRuleSchema(properties: object): void {
  phaseRuleProperties.add(properties);
}

/** The phase default for a key whose value is a list of phaseRuleSchema items, else undefined. */
export function phaseKeyMerge(key: ZoneKey): KeyMerge | undefined {
  const items = (key.schema as { items?: { properties?: unknown } }).items;
  const properties = items?.properties;
  return typeof properties === "object" && properties !== null && phaseRuleProperties.has(properties) ? phaseRuleMerge : undefined;
}
