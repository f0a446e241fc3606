// Service tokens (/accounts/{account_id}/access/service_tokens) and identity providers, the login
// methods (/accounts/{account_id}/access/identity_providers): what Access rules name by id.
// cf-gitops only reads them; create and delete are here for tests and the exercise. A token's
// client_secret is in the create response only, as Cloudflare shows it once; it is not stored.
import { randomBytes } from "node:crypto";
import { fail, type HandlerResult } from "../../envelope.ts";
import { nowIso, uuid } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import type { RequestContext, Router } from "../../router.ts";
import { invalid, namedIds } from "./rules.ts";
import { accessOf, type IdentityProvider, type ServiceToken } from "./slice.ts";

const pageLimits = { defaultPerPage: 25, maxPerPage: 1000 };

function inUse(ctx: RequestContext, type: string, id: string): string[] {
  const access = accessOf(ctx.store);
  const holders = [...access.policies.map((policy) => ({ what: `policy ${policy.name}`, rules: [...policy.include, ...policy.require, ...policy.exclude] })), ...access.groups.map((group) => ({ what: `group ${group.name}`, rules: [...group.include, ...group.require, ...group.exclude] }))];
  return holders.filter((holder) => namedIds(holder.rules, type).includes(id)).map((holder) => holder.what);
}

export function addIdentityRoutes(router: Router): void {
  const tokens = "/accounts/{account_id}/access/service_tokens";
  const state = (ctx: RequestContext) => (requireAccount(ctx), accessOf(ctx.store));
  router.add("GET", tokens, (ctx) => {
    const { page, info } = paginate(state(ctx).serviceTokens, ctx.query, pageLimits);
    return { result: page.map((token) => ({ ...token })), resultInfo: info };
  });
  router.add("POST", tokens, (ctx): HandlerResult => {
    const access = state(ctx);
    const body = bodyObject(ctx);
    if (typeof body.name !== "string" || body.name.trim() === "") throw invalid("name is required: a name for the service token");
    const now = nowIso();
    const duration = typeof body.duration === "string" ? body.duration : "8760h";
    const token: ServiceToken = { id: uuid(), name: body.name, client_id: `${randomBytes(16).toString("hex")}.access`, duration, expires_at: new Date(Date.now() + 365 * 86_400_000).toISOString(), created_at: now, updated_at: now };
    access.serviceTokens.push(token);
    // the secret goes to the caller once; neither the store nor the audit log keeps it
    return { result: { ...token, client_secret: randomBytes(32).toString("hex") }, audit: [{ action: "create", resource: "access_service_token", id: token.id, after: { ...token } }] };
  });
  router.add("DELETE", `${tokens}/{service_token_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const token = access.serviceTokens.find((candidate) => candidate.id === ctx.params.service_token_id);
    if (!token) throw fail(404, 12130, "access.api.error.not_found: service token not found");
    const users = inUse(ctx, "service_token", token.id);
    if (users.length > 0) throw fail(409, 12130, `access.api.error.invalid_request: service token ${token.name} is used by ${users.join(", ")}`);
    access.serviceTokens.splice(access.serviceTokens.indexOf(token), 1);
    return { result: { ...token }, audit: [{ action: "delete", resource: "access_service_token", id: token.id, before: { ...token } }] };
  });

  const idps = "/accounts/{account_id}/access/identity_providers";
  router.add("GET", idps, (ctx) => {
    const { page, info } = paginate(state(ctx).identityProviders, ctx.query, pageLimits);
    return { result: page.map((idp) => ({ ...idp })), resultInfo: info };
  });
  router.add("POST", idps, (ctx): HandlerResult => {
    const access = state(ctx);
    const body = bodyObject(ctx);
    if (typeof body.name !== "string" || body.name.trim() === "" || typeof body.type !== "string") throw invalid("name and type are required");
    const idp: IdentityProvider = { id: uuid(), name: body.name, type: body.type, config: typeof body.config === "object" && body.config !== null ? (body.config as Record<string, unknown>) : {} };
    access.identityProviders.push(idp);
    return { result: { ...idp }, audit: [{ action: "create", resource: "access_identity_provider", id: idp.id, after: { ...idp } }] };
  });
  router.add("DELETE", `${idps}/{identity_provider_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const idp = access.identityProviders.find((candidate) => candidate.id === ctx.params.identity_provider_id);
    if (!idp) throw fail(404, 12130, "access.api.error.not_found: identity provider not found");
    const users = inUse(ctx, "login_method", idp.id);
    if (users.length > 0) throw fail(409, 12130, `access.api.error.invalid_request: identity provider ${idp.name} is used by ${users.join(", ")}`);
    access.identityProviders.splice(access.identityProviders.indexOf(idp), 1);
    return { result: { id: idp.id }, audit: [{ action: "delete", resource: "access_identity_provider", id: idp.id, before: { ...idp } }] };
  });
}
