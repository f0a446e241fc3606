// The Pulumi side of a ruleset phase: one zone Ruleset per zone for the phase, rules in the YAML's
// order, each carrying its `ref` (the rule's identity); named <zone>/<key>.
import type { types } from "@pulumi/cloudflare";
import type { CustomResource } from "@pulumi/pulumi";
import type { DeclareContext, PulumiAdapter } from "../../../engines/pulumi/adapter.ts";
import { listLogicalName } from "../../list/pulumi.ts";
import { listNamesIn } from "../expression/list-names.ts";
import { decodeLogicalName, encodeLogicalName } from "../../../engines/pulumi/names.ts";
import type { Resource } from "../../../plan/resources.ts";
import { phaseRuleResource } from "./expand.ts";
import type { PhaseRuleValue } from "./normalise.ts";
import type { RulesetPhase } from "./phase.ts";
import type { PhaseMeta } from "./native.ts";

type RulesetRule = types.input.RulesetRule;

function snakeDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeDeep);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = item === null || item === undefined ? undefined : snakeDeep(item);
    const empty = typeof converted === "object" && converted !== null && !Array.isArray(converted) && Object.keys(converted).length === 0;
    if (converted === undefined || empty) continue; // the provider's state spells absent parameters as nulls
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = converted;
  }
  return out;
}

/** A Ruleset's Pulumi state (inputs or outputs) -> its rules in the API's shape, in order. */
export function rulesetStateToApiRules(state: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const rules = Array.isArray(state?.rules) ? (state.rules as unknown[]) : [];
  return rules.filter((rule): rule is Record<string, unknown> => typeof rule === "object" && rule !== null).map((rule) => snakeDeep(rule) as Record<string, unknown>);
}

export function rulesetLogicalName(zone: string, key: string): string {
  return encodeLogicalName(`${zone}/${key}`);
}

/** The Lists the rules use ($name): created before the ruleset, deleted after it. */
function listDependencies(rules: Resource[], ctx: DeclareContext): { dependsOn?: CustomResource[] } {
  const names = new Set(rules.flatMap((rule) => listNamesIn(String(rule.value.expression))));
  const lists = [...names].flatMap((list) => ctx.declared?.get(listLogicalName(list)) ?? []);
  return lists.length > 0 ? { dependsOn: lists } : {};
}

export interface PhasePulumi<Value extends PhaseRuleValue> {
  /** One rule as the provider's RulesetRule (camelCase). */
  rule(value: Value): RulesetRule;
}

export function rulesetPhasePulumi<Value extends PhaseRuleValue, Spec>(phase: RulesetPhase<Value, Spec>, mapping: PhasePulumi<Value>): PulumiAdapter {
  return {
    kind: phase.kind,
    type: "cloudflare:index/ruleset:Ruleset",
    shape: "group",
    handles: (name) => decodeLogicalName(name).endsWith(`/${phase.key}`),
    logicalName: (resource) => rulesetLogicalName(resource.zone ?? "", phase.key),
    declare(resources, ctx) {
      const byZone = new Map<string, Resource[]>([...ctx.claimed].sort().map((zone) => [zone, []]));
      for (const resource of resources) byZone.set(resource.zone!, [...(byZone.get(resource.zone!) ?? []), resource]);
      for (const [zone, rules] of byZone) {
        const name = rulesetLogicalName(zone, phase.key);
        const args = { zoneId: ctx.zoneId(zone), name: `cf-gitops ${zone} ${phase.what}`, kind: "zone", phase: phase.phase, rules: rules.map((r) => mapping.rule(r.value as unknown as Value)) };
        new ctx.cloudflare.Ruleset(name, args, { ...ctx.opts(name), ...listDependencies(rules, ctx) });
      }
      return {};
    },
    fromState(name, state) {
      const zone = decodeLogicalName(name).split("/")[0] ?? "";
      return rulesetStateToApiRules(state).map((rule) => phaseRuleResource(phase, zone, phase.fromApi(rule)));
    },
    importId(_name, live, ctx) {
      const zone = live[0]?.zone;
      const meta = zone === undefined ? undefined : (ctx.meta(zone) as PhaseMeta | undefined);
      return zone !== undefined && meta?.rulesetId ? `zones/${ctx.zoneId(zone)}/${meta.rulesetId}` : undefined;
    },
    adoptionWarning: (_name, resource) =>
      `${resource.zone ?? ""}/${phase.key}: the zone already has ${phase.what} that differ from the zone file, so Pulumi cannot adopt them; run \`cf-gitops import --zone ${resource.zone ?? ""}\` first`,
  };
}
