// The native engine's side of a ruleset phase: one entrypoint read per zone and one entrypoint PUT
// per zone and phase, which replaces every rule of the phase. Each change of the phase carries the
// phase's whole desired rule list (with Cloudflare's ids of rules that exist, so their history is
// kept), so a saved plan applies alone.
import type { NativeAdapter } from "../../../engines/native/adapter.ts";
import { call } from "../../../engines/native/call.ts";
import { ApiError } from "../../../shared/errors.ts";
import { phaseRuleResource } from "./expand.ts";
import type { PhaseRuleValue } from "./normalise.ts";
import type { RulesetPhase } from "./phase.ts";

export interface PhasePayload {
  phase: string;
  rules: Record<string, unknown>[];
}

/** What the read keeps of the entrypoint besides its rules (adoption needs its id). */
export interface PhaseMeta {
  rulesetId?: string;
  name?: string;
  description?: string;
}

/** The entrypoint's rules (as the API returns them) -> resources, in order. */
export function phaseRulesToResources<Value extends PhaseRuleValue, Spec>(phase: RulesetPhase<Value, Spec>, zone: string, rules: Record<string, unknown>[]) {
  return rules.map((rule) => {
    const resource = phaseRuleResource(phase, zone, phase.fromApi(rule));
    resource.cloudId = String(rule.id);
    return resource;
  });
}

export function rulesetPhaseNative<Value extends PhaseRuleValue, Spec>(phase: RulesetPhase<Value, Spec>): NativeAdapter<PhasePayload> {
  return {
    kind: phase.kind,
    async readZone(zone, { client }) {
      try {
        const ruleset = await call(`read the ${phase.what} of ${zone.name}`, () => client.rulesets.phases.get(phase.phase as never, { zone_id: zone.id }));
        const meta: PhaseMeta = { rulesetId: ruleset.id, name: ruleset.name };
        if (ruleset.description) meta.description = ruleset.description;
        return { resources: phaseRulesToResources(phase, zone.name, (ruleset.rules ?? []) as unknown as Record<string, unknown>[]), meta: { [zone.name]: meta } };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { resources: [] }; // no entrypoint yet
        throw error;
      }
    },
    // 404 (no entrypoint yet) still proves the token may read the phase
    probe: ({ zone }, { client }) => call(`read the ${phase.what} of ${zone?.name ?? ""}`, () => client.rulesets.phases.get(phase.phase as never, { zone_id: zone?.id ?? "" })),
    // A rule's changes are logged against its phase's entrypoint ruleset.
    auditResource({ change, meta }) {
      const rulesetId = (meta as PhaseMeta | undefined)?.rulesetId;
      return rulesetId ? { id: rulesetId, types: ["ruleset"], ...(change.zone ? { zone: change.zone } : {}) } : undefined;
    },
    payload({ desired, live }) {
      const liveIds = new Map(live.filter((resource) => resource.cloudId).map((resource) => [String(resource.value.ref), resource.cloudId!]));
      const rules = desired.map((resource) => {
        const value = resource.value as unknown as Value;
        const id = liveIds.get(value.ref);
        return id ? { id, ...phase.toApi(value) } : phase.toApi(value);
      });
      return { phase: phase.phase, rules };
    },
    writes(changes, ctx) {
      const first = changes[0];
      if (!first?.payload) return [];
      const { rules } = first.payload;
      return [{ changes, run: () => call(`replace the ${phase.what} of ${first.zone ?? ""}`, () => ctx.client.rulesets.phases.update(phase.phase as never, { zone_id: ctx.zoneId(first.zone!), rules } as never)) }];
    },
  };
}
