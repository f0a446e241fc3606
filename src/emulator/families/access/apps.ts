// Access applications (/accounts/{account_id}/access/apps): list, create, get, update (PUT: the
// whole application), delete. Each lists its policies inline, by precedence, as Cloudflare does.
// Refused as Cloudflare refuses them (400, code 12130, "access.api.error.invalid_request: ...";
// the messages for a missing type and a domain outside the account's zones are Cloudflare's own, as
// public reports of live answers quote them): a self_hosted application whose domain is in none of
// the account's zones, a second application for a domain (409 and the wording are the emulator's),
// a policy that does not exist, a session duration that is not a duration.
import { randomBytes } from "node:crypto";
import type { AuditEvent } from "../../audit/types.ts";
import { fail, type HandlerResult } from "../../envelope.ts";
import { nowIso, uuid } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import type { RequestContext, Router } from "../../router.ts";
import { zonesOf } from "../zones/slice.ts";
import { policyView } from "./policies.ts";
import { invalid } from "./rules.ts";
import { accessOf, type AccessApp, type AccessState } from "./slice.ts";

const types = ["self_hosted", "saas", "ssh", "vnc", "app_launcher", "warp", "biso", "bookmark", "dash_sso", "infrastructure", "rdp", "mcp", "mcp_portal"];
const goDuration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

export function appView(state: AccessState, app: AccessApp): Record<string, unknown> {
  const { links, ...rest } = app;
  const policies = links.flatMap((link) => {
    const policy = state.policies.find((candidate) => candidate.id === link.id);
    return policy ? [{ ...policyView(state, policy), precedence: link.precedence }] : [];
  });
  return { ...rest, policies };
}

/** The host of a domain (an application may cover a path: example.com/admin). */
function hostOf(domain: string): string {
  return domain.toLowerCase().replace(/^\*\./, "").split("/")[0]!;
}

function linksOf(body: Record<string, unknown>, state: AccessState): AccessApp["links"] {
  const policies = body.policies ?? [];
  if (!Array.isArray(policies)) throw invalid("policies must be a list");
  return policies.map((entry, index) => {
    const link = typeof entry === "string" ? { id: entry } : ((entry ?? {}) as Record<string, unknown>);
    if (typeof link.id !== "string") throw invalid(`policies[${index}] must link a reusable policy by id (application-scoped policies are not served by the emulator)`);
    if (!state.policies.some((policy) => policy.id === link.id)) throw fail(404, 12130, `access.api.error.not_found: policy ${link.id} (policies[${index}]) does not exist`);
    return { id: link.id, precedence: typeof link.precedence === "number" ? link.precedence : index + 1 };
  });
}

function appFrom(ctx: RequestContext, state: AccessState, previous?: AccessApp): AccessApp {
  const body = bodyObject(ctx);
  const { account_id: _account, policies: _policies, id: _id, uid: _uid, aud: _aud, created_at: _created, updated_at: _updated, ...fields } = body;
  const type = String(body.type ?? previous?.type ?? "");
  if (!types.includes(type)) throw invalid("app type is missing or invalid");
  const domain = typeof body.domain === "string" ? body.domain.trim() : "";
  if (type === "self_hosted") {
    if (domain === "") throw invalid("domain is required for a self_hosted application");
    const host = hostOf(domain);
    const zones = [...zonesOf(ctx.store).values()].map((zone) => zone.name);
    if (!zones.some((zone) => host === zone || host.endsWith(`.${zone}`))) throw invalid("domain does not belong to zone");
    const twin = state.apps.find((app) => app.id !== previous?.id && app.type === "self_hosted" && app.domain.toLowerCase() === domain.toLowerCase());
    if (twin) throw fail(409, 12130, `access.api.error.invalid_request: an application for ${domain} already exists (${twin.name})`);
  }
  if (body.session_duration !== undefined && (typeof body.session_duration !== "string" || !goDuration.test(body.session_duration))) throw invalid("session_duration must be a duration such as 24h or 30m");
  const now = nowIso();
  return {
    app_launcher_visible: true,
    auto_redirect_to_identity: false,
    allowed_idps: [],
    tags: [],
    session_duration: "24h",
    ...(type === "self_hosted" && { self_hosted_domains: [domain], destinations: [{ type: "public", uri: domain }] }),
    ...fields,
    id: previous?.id ?? uuid(),
    uid: previous?.id ?? "",
    aud: (previous?.aud as string | undefined) ?? randomBytes(32).toString("hex"),
    type,
    name: typeof body.name === "string" && body.name !== "" ? body.name : domain,
    domain,
    links: linksOf(body, state),
    created_at: previous?.created_at ?? now,
    updated_at: now,
  };
}

function requireApp(ctx: RequestContext, state: AccessState): AccessApp {
  const app = state.apps.find((candidate) => candidate.id === ctx.params.app_id);
  if (!app) throw fail(404, 12130, "access.api.error.not_found: application not found");
  return app;
}

function event(action: AuditEvent["action"], id: string, before?: unknown, after?: unknown, request?: unknown): AuditEvent {
  const audit: AuditEvent = { action, resource: "access_application", id };
  if (before !== undefined) audit.before = before;
  if (after !== undefined) audit.after = after;
  if (request !== undefined) audit.request = request;
  return audit;
}

export function addAppRoutes(router: Router): void {
  const base = "/accounts/{account_id}/access/apps";
  const state = (ctx: RequestContext) => (requireAccount(ctx), accessOf(ctx.store));
  router.add("GET", base, (ctx) => {
    const access = state(ctx);
    const { page, info } = paginate(access.apps, ctx.query, { defaultPerPage: 25, maxPerPage: 1000 });
    return { result: page.map((app) => appView(access, app)), resultInfo: info };
  });
  router.add("POST", base, (ctx): HandlerResult => {
    const access = state(ctx);
    const app = appFrom(ctx, access);
    app.uid = app.id;
    access.apps.push(app);
    const view = appView(access, app);
    return { result: view, audit: [event("create", app.id, undefined, view, ctx.body)] };
  });
  router.add("GET", `${base}/{app_id}`, (ctx) => {
    const access = state(ctx);
    return { result: appView(access, requireApp(ctx, access)) };
  });
  router.add("PUT", `${base}/{app_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const previous = requireApp(ctx, access);
    const before = appView(access, previous);
    const next = appFrom(ctx, access, previous);
    access.apps.splice(access.apps.indexOf(previous), 1, next);
    const view = appView(access, next);
    return { result: view, audit: [event("update", next.id, before, view, ctx.body)] };
  });
  router.add("DELETE", `${base}/{app_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const app = requireApp(ctx, access);
    const before = appView(access, app);
    access.apps.splice(access.apps.indexOf(app), 1);
    return { result: { id: app.id }, audit: [event("delete", app.id, before)] };
  });
}
