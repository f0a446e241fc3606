// Workers routes of a zone: list, create, get, update (PUT) and delete. A pattern may be given to one
// route only: a second is refused with 10020 (workers.api.error.duplicate_route, as wrangler shows
// Cloudflare's answer; the 409 status is the emulator's choice). A malformed pattern (a query
// string, a wildcard in the middle, a host outside the zone) is 10022. The Worker a route names is
// not checked (the emulator has no scripts; Cloudflare answers 10019 for one that does not exist).
import type { AuditEvent } from "../../audit/types.ts";
import { fail, type HandlerResult } from "../../envelope.ts";
import { hexId } from "../../ids.ts";
import { bodyObject } from "../../requests.ts";
import type { RequestContext, Router } from "../../router.ts";
import { requireZone } from "../zones/slice.ts";
import type { Zone } from "../zones/types.ts";
import { zoneRoutes, type WorkersRoute } from "./slice.ts";

function patternProblem(pattern: string, zone: Zone): string | undefined {
  if (/[?#]/.test(pattern)) return "a route pattern cannot contain a query string or fragment";
  const start = /^https?:\/\//i.exec(pattern)?.[0].length ?? 0;
  const slash = pattern.indexOf("/", start);
  const host = pattern.slice(start, slash < 0 ? undefined : slash).toLowerCase();
  const wildcards = [...pattern.matchAll(/\*/g)].map((match) => match.index);
  if (wildcards.some((index) => index !== start && index !== pattern.length - 1)) return "a route pattern may only have a wildcard at the start of the host or the end of the path";
  const bare = host.replace(/^\*\.?/, "");
  if (bare !== "" && bare !== zone.name && !bare.endsWith(`.${zone.name}`)) return `${host} is not in zone ${zone.name}`;
  return undefined;
}

/** The body's route, checked against the zone and its other routes. */
function routeFrom(ctx: RequestContext, zone: Zone, except?: string): Omit<WorkersRoute, "id"> {
  const body = bodyObject(ctx);
  if (typeof body.pattern !== "string" || body.pattern.trim() === "") throw fail(400, 10022, "workers.api.error.invalid_route_pattern: pattern is required");
  const problem = patternProblem(body.pattern, zone);
  if (problem) throw fail(400, 10022, `workers.api.error.invalid_route_pattern: ${problem}`);
  if (body.script !== undefined && body.script !== null && typeof body.script !== "string") throw fail(400, 10021, "workers.api.error.invalid_script_name: script must be a string");
  if (zoneRoutes(ctx.store, zone.id).some((route) => route.pattern === body.pattern && route.id !== except)) throw fail(409, 10020, "workers.api.error.duplicate_route");
  return typeof body.script === "string" && body.script !== "" ? { pattern: body.pattern, script: body.script } : { pattern: body.pattern };
}

function requireRoute(ctx: RequestContext): { zone: Zone; route: WorkersRoute } {
  const zone = requireZone(ctx);
  const route = zoneRoutes(ctx.store, zone.id).find((candidate) => candidate.id === ctx.params.route_id);
  if (!route) throw fail(404, 10009, "workers.api.error.route_not_found");
  return { zone, route };
}

function event(action: AuditEvent["action"], zone: Zone, id: string, before?: WorkersRoute, after?: WorkersRoute, request?: unknown): AuditEvent {
  const audit: AuditEvent = { action, resource: "workers_route", id, zone: { id: zone.id, name: zone.name } };
  if (before) audit.before = { ...before };
  if (after) audit.after = { ...after };
  if (request !== undefined) audit.request = request;
  return audit;
}

export function addWorkersRouteRoutes(router: Router): void {
  const base = "/zones/{zone_id}/workers/routes";
  router.add("GET", base, (ctx) => ({ result: zoneRoutes(ctx.store, requireZone(ctx).id).map((route) => ({ ...route })) }));
  router.add("POST", base, (ctx): HandlerResult => {
    const zone = requireZone(ctx);
    const route: WorkersRoute = { id: hexId(), ...routeFrom(ctx, zone) };
    zoneRoutes(ctx.store, zone.id).push(route);
    return { result: { ...route }, audit: [event("create", zone, route.id, undefined, route, ctx.body)] };
  });
  router.add("GET", `${base}/{route_id}`, (ctx) => ({ result: { ...requireRoute(ctx).route } }));
  router.add("PUT", `${base}/{route_id}`, (ctx): HandlerResult => {
    const { zone, route } = requireRoute(ctx);
    const next: WorkersRoute = { id: route.id, ...routeFrom(ctx, zone, route.id) };
    const routes = zoneRoutes(ctx.store, zone.id);
    routes.splice(routes.indexOf(route), 1, next);
    return { result: { ...next }, audit: [event("update", zone, route.id, route, next, ctx.body)] };
  });
  router.add("DELETE", `${base}/{route_id}`, (ctx): HandlerResult => {
    const { zone, route } = requireRoute(ctx);
    const routes = zoneRoutes(ctx.store, zone.id);
    routes.splice(routes.indexOf(route), 1);
    return { result: { id: route.id }, audit: [event("delete", zone, route.id, route)] };
  });
}
