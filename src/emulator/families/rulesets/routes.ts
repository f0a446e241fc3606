// Zone rulesets: the phase entrypoint (GET|PUT …/rulesets/phases/{phase}/entrypoint), which is what
// the native engine uses, and the by-id endpoints the Pulumi provider uses (list, create, get,
// update, delete). The emulator models one ruleset per phase: the phase's entrypoint.
import type { AuditEvent } from "../../audit/types.ts";
import { ApiFailure, fail, type HandlerResult } from "../../envelope.ts";
import type { RequestContext, Router } from "../../router.ts";
import { replaceRules, rulesetView, zonePhases } from "./rules.ts";
import { bodyObject } from "../../requests.ts";
import { listsOf } from "../lists/slice.ts";
import { requireZone } from "../zones/slice.ts";
import type { Zone } from "../zones/types.ts";
import { zoneRulesets } from "./slice.ts";
import type { Ruleset } from "./types.ts";

/** The account's lists (name -> kind): a rule may only use lists that exist. */
export function listNames(ctx: RequestContext): Map<string, string> {
  return new Map([...listsOf(ctx.store).lists.values()].map((list) => [list.name, list.kind]));
}

function phaseOf(value: unknown): string {
  const phase = typeof value === "string" ? value : "";
  if (!zonePhases.has(phase)) throw fail(400, 20003, `invalid phase "${phase}" for a zone entrypoint ruleset`);
  return phase;
}

function phasesOf(ctx: RequestContext, zoneId: string): Map<string, Ruleset> {
  const zones = zoneRulesets(ctx.store);
  let phases = zones.get(zoneId);
  if (!phases) zones.set(zoneId, (phases = new Map()));
  return phases;
}

function byId(ctx: RequestContext): { zone: Zone; phases: Map<string, Ruleset>; ruleset: Ruleset } {
  const zone = requireZone(ctx);
  const phases = phasesOf(ctx, zone.id);
  const ruleset = [...phases.values()].find((candidate) => candidate.id === ctx.params.ruleset_id);
  if (!ruleset) throw fail(404, 10003, `could not find ruleset ${ctx.params.ruleset_id ?? ""}`);
  return { zone, phases, ruleset };
}

/** Stores `next` and answers with it, reporting the change to the audit log. */
function saved(zone: Zone, phases: Map<string, Ruleset>, previous: Ruleset | undefined, next: Ruleset, request: unknown): HandlerResult {
  phases.set(next.phase, next);
  const event: AuditEvent = { action: previous ? "update" : "create", resource: "ruleset", id: next.id, zone: { id: zone.id, name: zone.name }, after: rulesetView(next), request };
  if (previous) event.before = rulesetView(previous);
  return { result: rulesetView(next), audit: [event] };
}

function createRuleset(ctx: RequestContext): HandlerResult {
  const zone = requireZone(ctx);
  const body = bodyObject(ctx);
  if (typeof body.name !== "string" || body.name === "") throw fail(400, 20002, "name is required");
  if (body.kind !== "zone") throw fail(400, 20002, `kind must be "zone" for a zone ruleset; got ${JSON.stringify(body.kind)}`);
  const phase = phaseOf(body.phase);
  const phases = phasesOf(ctx, zone.id);
  if (phases.has(phase)) {
    // As Cloudflare words it (recorded in several public bug reports): one entrypoint per phase and zone.
    throw new ApiFailure(400, [{ code: 20217, message: `'zone' is not a valid value for kind because exceeded maximum number of zone rulesets for phase ${phase}`, source: { pointer: "/kind" } }]);
  }
  return saved(zone, phases, undefined, replaceRules(phase, undefined, body, listNames(ctx)), body);
}

export function addRulesetRoutes(router: Router): void {
  const entrypoint = "/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint";
  router.add("GET", entrypoint, (ctx) => {
    const zone = requireZone(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const ruleset = zoneRulesets(ctx.store).get(zone.id)?.get(phase);
    if (!ruleset) throw fail(404, 10003, `could not find entrypoint ruleset in the '${phase}' phase`);
    return { result: rulesetView(ruleset) };
  });
  router.add("PUT", entrypoint, (ctx) => {
    const zone = requireZone(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const phases = phasesOf(ctx, zone.id);
    const body = bodyObject(ctx);
    const previous = phases.get(phase);
    return saved(zone, phases, previous, replaceRules(phase, previous, body, listNames(ctx)), body);
  });

  router.add("GET", "/zones/{zone_id}/rulesets", (ctx) => ({ result: [...phasesOf(ctx, requireZone(ctx).id).values()].map((ruleset) => rulesetView(ruleset, false)) }));
  router.add("POST", "/zones/{zone_id}/rulesets", createRuleset);
  router.add("GET", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => ({ result: rulesetView(byId(ctx).ruleset) }));
  router.add("PUT", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => {
    const { zone, phases, ruleset } = byId(ctx);
    const body = bodyObject(ctx);
    return saved(zone, phases, ruleset, replaceRules(ruleset.phase, ruleset, body, listNames(ctx)), body);
  });
  router.add("DELETE", "/zones/{zone_id}/rulesets/{ruleset_id}", (ctx) => {
    const { zone, phases, ruleset } = byId(ctx);
    phases.delete(ruleset.phase);
    return { status: 204, result: null, audit: [{ action: "delete", resource: "ruleset", id: ruleset.id, zone: { id: zone.id, name: zone.name }, before: rulesetView(ruleset) }] };
  });
}
