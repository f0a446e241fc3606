// The Pulumi side of a ruleset phase (WAF custom rules, and the phases that follow): one zone
// Ruleset per zone for the phase, rules in the YAML's order, each carrying its `ref` (the rule's
// identity); named <zone>/<key>. A zone's entrypoint is adopted with its live name and description.
import type { types } from "@pulumi/cloudflare";
import type { CustomResource } from "@pulumi/pulumi";
import type { DeclareContext, PulumiAdapter } from "../../../engines/pulumi/adapter.ts";
import { listId } from "../../list/normalise.ts";
import { listNamesIn } from "../expression/list-names.ts";
import { decodeLogicalName, encodeLogicalName } from "../../../engines/pulumi/names.ts";
import type { Resource } from "../../../plan/resources.ts";
import { phaseRuleResource } from "./expand.ts";
import { normaliseExpression, type PhaseRuleValue } from "./normalise.ts";
import type { RulesetPhase } from "./phase.ts";
import type { PhaseMeta } from "./native.ts";

/** The provider's rule input (camelCase). */
export type RulesetRule = types.input.RulesetRule;

/**
 * Action parameters that are maps keyed by the user's own names (a rewrite's `headers`, keyed by
 * header name): their keys are kept as written, their values converted.
 */
const namedMaps = new Set(["headers"]);

function snakeDeep(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeDeep(item));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = keepKeys ? key : key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const converted = item === null || item === undefined ? undefined : snakeDeep(item, !keepKeys && namedMaps.has(name));
    const empty = typeof converted === "object" && converted !== null && !Array.isArray(converted) && Object.keys(converted).length === 0;
    if (converted === undefined || empty) continue; // the provider's state spells absent parameters as nulls
    out[name] = converted;
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
  const lists = [...names].flatMap((list) => ctx.declared?.get(encodeLogicalName(listId(list))) ?? []);
  return lists.length > 0 ? { dependsOn: lists } : {};
}

/** A rule with the fields every phase has and the kind's action parameters (camelCase, as the provider takes them). */
export function pulumiRule(value: PhaseRuleValue, actionParameters?: types.input.RulesetRuleActionParameters): RulesetRule {
  const out: RulesetRule = { ref: value.ref, expression: value.expression, action: value.action, enabled: value.enabled };
  if (actionParameters) out.actionParameters = actionParameters;
  if (value.description !== undefined) out.description = value.description;
  return out;
}

export interface PhasePulumi<Value extends PhaseRuleValue> {
  /** One rule as the provider's RulesetRule (camelCase). */
  rule(value: Value): RulesetRule;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The entrypoint's name and description: the state's, else the live entrypoint's being adopted,
 * else ours for a new one. Never another: `name` forces a replacement, and replacing an
 * entrypoint POSTs a second ruleset for the phase, which Cloudflare rejects (20217).
 */
export function rulesetIdentity(zone: string, what: string, held: Record<string, unknown> | undefined, adopting: Record<string, unknown> | undefined): { name: string; description?: string } {
  const name = text(held?.name) ?? text(adopting?.name) ?? `cf-gitops ${zone} ${what}`;
  const description = typeof held?.description === "string" ? held.description : typeof adopting?.description === "string" ? adopting.description : undefined;
  return description === undefined ? { name } : { name, description };
}

/** Where the state holds a rule (same ref) meaning the same expression, its spelling is kept. */
export function keepExpressionSpelling(rule: RulesetRule, held: Record<string, unknown>[]): RulesetRule {
  const same = held.find((candidate) => candidate.ref === rule.ref);
  const expression = same?.expression;
  if (typeof expression !== "string" || typeof rule.expression !== "string") return rule;
  return normaliseExpression(expression) === normaliseExpression(rule.expression) ? { ...rule, expression } : rule;
}

export function rulesetPhasePulumi<Value extends PhaseRuleValue, Spec>(phase: RulesetPhase<Value, Spec>, mapping: PhasePulumi<Value>): PulumiAdapter {
  const zoneOf = (name: string) => decodeLogicalName(name).split("/")[0] ?? "";
  return {
    kind: phase.kind,
    type: "cloudflare:index/ruleset:Ruleset",
    shape: "group",
    handles: (name) => decodeLogicalName(name).endsWith(`/${phase.key}`),
    logicalName: (resource) => rulesetLogicalName(resource.zone ?? "", phase.key),
    scopeName: (zone) => rulesetLogicalName(zone, phase.key),
    // an existing entrypoint (often "default", made in the dashboard) is imported with its live name
    // and description whatever its rules, then updated to the zone file's rules
    adoptIgnoring: ["rules", "description"],
    adoptionHints(name, _live, ctx) {
      const meta = ctx.meta(zoneOf(name)) as PhaseMeta | undefined;
      if (!meta) return undefined;
      return { ...(meta.name !== undefined && { name: meta.name }), ...(meta.description !== undefined && { description: meta.description }) };
    },
    declare(resources, ctx) {
      const byZone = new Map<string, Resource[]>([...ctx.claimed].sort().map((zone) => [zone, []]));
      for (const resource of resources) byZone.set(resource.zone!, [...(byZone.get(resource.zone!) ?? []), resource]);
      const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs]));
      for (const [zone, rules] of byZone) {
        const name = rulesetLogicalName(zone, phase.key);
        const state = held.get(name);
        const heldRules = rulesetStateToApiRules(state);
        const args = {
          zoneId: ctx.zoneId(zone),
          ...rulesetIdentity(zone, phase.what, state, ctx.adopting(name)),
          kind: "zone",
          phase: phase.phase,
          rules: rules.map((r) => keepExpressionSpelling(mapping.rule(r.value as unknown as Value), heldRules)),
        };
        // should a replacement ever be planned, the old entrypoint must go first (one per phase)
        new ctx.cloudflare.Ruleset(name, args, { ...ctx.opts(name), ...listDependencies(rules, ctx), deleteBeforeReplace: true });
      }
      return {};
    },
    fromState(name, state) {
      const zone = zoneOf(name);
      return rulesetStateToApiRules(state).map((rule) => phaseRuleResource(phase, zone, phase.fromApi(rule)));
    },
    importId(name, _live, ctx) {
      // by the entrypoint's id, even when it holds no rules yet (a POST would be refused: 20217)
      const zone = zoneOf(name);
      const meta = ctx.meta(zone) as PhaseMeta | undefined;
      return meta?.rulesetId ? `zones/${ctx.zoneId(zone)}/${meta.rulesetId}` : undefined;
    },
  };
}
