// Account rulesets (kind root): the phase entrypoint (GET|PUT /accounts/{account_id}/rulesets/
// phases/{phase}/entrypoint, what the native engine uses) and the by-id endpoints the Pulumi
// provider uses. The emulator serves the account phase cf-gitops manages, http_request_redirect
// (Bulk Redirects), with the zone rulesets' validation, versioning and view.
import type { AuditEvent } from "../../audit/types.ts";
import { ApiFailure, fail, type HandlerResult } from "../../envelope.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import type { RequestContext, Router } from "../../router.ts";
import { listNames } from "../rulesets/routes.ts";
import { replaceRules, rulesetView } from "../rulesets/rules.ts";
import type { Ruleset } from "../rulesets/types.ts";
import { accountRulesets } from "./slice.ts";

export const accountPhases = new Set(["http_request_redirect"]);

function phaseOf(value: unknown): string {
  const phase = typeof value === "string" ? value : "";
  if (!accountPhases.has(phase)) throw fail(400, 20003, `invalid phase "${phase}" for an account entrypoint ruleset`);
  return phase;
}

function phasesOf(ctx: RequestContext): { account: string; phases: Map<string, Ruleset> } {
  const account = requireAccount(ctx);
  const all = accountRulesets(ctx.store);
  let phases = all.get(account);
  if (!phases) all.set(account, (phases = new Map()));
  return { account, phases };
}

function byId(ctx: RequestContext): { phases: Map<string, Ruleset>; ruleset: Ruleset } {
  const { phases } = phasesOf(ctx);
  const ruleset = [...phases.values()].find((candidate) => candidate.id === ctx.params.ruleset_id);
  if (!ruleset) throw fail(404, 10003, `could not find ruleset ${ctx.params.ruleset_id ?? ""}`);
  return { phases, ruleset };
}

function saved(phases: Map<string, Ruleset>, previous: Ruleset | undefined, next: Ruleset, request: unknown): HandlerResult {
  phases.set(next.phase, next);
  const event: AuditEvent = { action: previous ? "update" : "create", resource: "account_ruleset", id: next.id, after: rulesetView(next), request };
  if (previous) event.before = rulesetView(previous);
  return { result: rulesetView(next), audit: [event] };
}

function createRuleset(ctx: RequestContext): HandlerResult {
  const { phases } = phasesOf(ctx);
  const body = bodyObject(ctx);
  if (typeof body.name !== "string" || body.name === "") throw fail(400, 20002, "name is required");
  if (body.kind !== "root") throw fail(400, 20002, `kind must be "root" for an account ruleset; got ${JSON.stringify(body.kind)}`);
  const phase = phaseOf(body.phase);
  if (phases.has(phase)) {
    throw new ApiFailure(400, [{ code: 20217, message: `'root' is not a valid value for kind because exceeded maximum number of root rulesets for phase ${phase}`, source: { pointer: "/kind" } }]);
  }
  return saved(phases, undefined, replaceRules(phase, undefined, body, listNames(ctx), "root"), body);
}

export function addAccountRulesetRoutes(router: Router): void {
  const base = "/accounts/{account_id}/rulesets";
  const entrypoint = `${base}/phases/{ruleset_phase}/entrypoint`;
  router.add("GET", entrypoint, (ctx) => {
    const { phases } = phasesOf(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const ruleset = phases.get(phase);
    if (!ruleset) throw fail(404, 10003, `could not find entrypoint ruleset in the '${phase}' phase`);
    return { result: rulesetView(ruleset) };
  });
  router.add("PUT", entrypoint, (ctx) => {
    const { phases } = phasesOf(ctx);
    const phase = phaseOf(ctx.params.ruleset_phase);
    const previous = phases.get(phase);
    const body = bodyObject(ctx);
    return saved(phases, previous, replaceRules(phase, previous, body, listNames(ctx), "root"), body);
  });
  router.add("GET", base, (ctx) => ({ result: [...phasesOf(ctx).phases.values()].map((ruleset) => rulesetView(ruleset, false)) }));
  router.add("POST", base, createRuleset);
  router.add("GET", `${base}/{ruleset_id}`, (ctx) => ({ result: rulesetView(byId(ctx).ruleset) }));
  router.add("PUT", `${base}/{ruleset_id}`, (ctx) => {
    const { phases, ruleset } = byId(ctx);
    const body = bodyObject(ctx);
    return saved(phases, ruleset, replaceRules(ruleset.phase, ruleset, body, listNames(ctx), "root"), body);
  });
  router.add("DELETE", `${base}/{ruleset_id}`, (ctx) => {
    const { phases, ruleset } = byId(ctx);
    phases.delete(ruleset.phase);
    return { status: 204, result: null, audit: [{ action: "delete", resource: "account_ruleset", id: ruleset.id, before: rulesetView(ruleset) }] };
  });
}
