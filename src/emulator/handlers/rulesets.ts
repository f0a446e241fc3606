// Zone rulesets: the phase entrypoint (GET|PUT …/rulesets/phases/{phase}/entrypoint), which is what
// the native engine uses, and the by-id endpoints the Pulumi provider uses (list, create, get,
// update, delete). The emulator models one ruleset per phase: the phase's entrypoint.
import { fail, type HandlerResult } from "../envelope.ts";
import type { RequestContext, Router } from "../router.ts";
import { replaceRules, zonePhases } from "../rulesets/rules.ts";
import type { Ruleset } from "../types.ts";
import { bodyObject, requireZone } from "./common.ts";

function phaseOf(value: unknown): string {
  const phase = typeof value === "string" ? value : "";
  if (!zonePhases.has(phase)) throw fail(400, 20003, `invalid phase "${phase}" for a zone entrypoint ruleset`);
  return phase;
}

function phasesOf(ctx: RequestContext, zoneId: string): Map<string, Ruleset> {
  let phases = ctx.store.rulesets.get(zoneId);
  if (!phases) ctx.store.rulesets.set(zoneId, (phases = new Map()));
  return phases;
}

function byId(ctx: RequestContext): { phases: Map<string, Ruleset>; ruleset: Ruleset } {
  const zone = requireZone(ctx);
  const phases = phasesOf(ctx, zone.id);
  const ruleset = [...phases.values()].find((candidate) => candidate.id === ctx.params.ruleset_id);
  if (!ruleset) throw fail(404, 10003, `could not find ruleset ${ctx.params.ruleset_id ?? ""}`);
  return { phases, ruleset };
}

function summary(ruleset: Ruleset): Omit<Ruleset, "rules"> {
  const { rules: _rules, ...rest } = ruleset;
  return rest;
}

function createRuleset(ctx: RequestContext): HandlerResult {
  const zone = requireZone(ctx);
  const body = bodyObject(ctx);
  if (typeof body.name !== "string" || body.name === "") throw fail(400, 20002, "name is required");
  if (body.kind !== "zone") throw fail(400, 20002, `kind must be "zone" for a zone ruleset; got ${JSON.stringify(body.kind)}`);
  const phase = phaseOf(body.phase);
  const phases = phasesOf(ctx, zone.id);
  if (phases.has(phase)) {
    throw fail(400, 20217, `A ruleset for phase ${phase} already exists in this zone; update it with PUT instead of creating another`);
  }
  const ruleset = replaceRules(phase, undefined, body);
  phases.set(phase, ruleset);
  return { result: ruleset };
}

export function addRulesetRoutes(router: Router): void {
  const entrypoint = "/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint";
  router.add("GET", entrypoint, (ctx) => {
    const zone = requireZone(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const ruleset = ctx.store.rulesets.get(zone.id)?.get(phase);
    if (!ruleset) throw fail(404, 10003, `could not find entrypoint ruleset in the '${phase}' phase`);
    return { result: ruleset };
  });
  router.add("PUT", entrypoint, (ctx) => {
    const zone = requireZone(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const phases = phasesOf(ctx, zone.id);
    const ruleset = replaceRules(phase, phases.get(phase), bodyObject(ctx));
    phases.set(phase, ruleset);
    return { result: ruleset };
  });

  router.add("GET", "/zones/{zone_id}/rulesets", (ctx) => ({ result: [...phasesOf(ctx, requireZone(ctx).id).values()].map(summary) }));
  router.add("POST", "/zones/{zone_id}/rulesets", createRuleset);
  router.add("GET", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => ({ result: byId(ctx).ruleset }));
  router.add("PUT", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => {
    const { phases, ruleset } = byId(ctx);
    const next = replaceRules(ruleset.phase, ruleset, bodyObject(ctx));
    phases.set(ruleset.phase, next);
    return { result: next };
  });
  router.add("DELETE", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => {
    const { phases, ruleset } = byId(ctx);
    phases.delete(ruleset.phase);
    return { status: 204, result: null };
  });
}
