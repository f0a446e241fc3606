// Reusable Access policies (/accounts/{account_id}/access/policies) and Access groups
// (/accounts/{account_id}/access/groups): list, create, get, update (PUT, every rule list
// replaced), delete. A policy or a group needs an include (Access lets in only those it names);
// one still in use cannot be deleted: a policy an application links, a group a policy or group
// names (the emulator's answers; Cloudflare's wording for these is not documented).
import type { AuditEvent } from "../../audit/types.ts";
import { fail, type HandlerResult } from "../../envelope.ts";
import { nowIso, uuid } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import type { RequestContext, Router } from "../../router.ts";
import { invalid, namedIds, rulesOf } from "./rules.ts";
import { accessOf, type AccessGroup, type AccessPolicy, type AccessState } from "./slice.ts";

const decisions = ["allow", "deny", "non_identity", "bypass"];
const pageLimits = { defaultPerPage: 25, maxPerPage: 1000 };

export function policyView(state: AccessState, policy: AccessPolicy): Record<string, unknown> {
  const appCount = state.apps.filter((app) => app.links.some((link) => link.id === policy.id)).length;
  return { ...policy, reusable: true, app_count: appCount };
}

function groupView(group: AccessGroup): Record<string, unknown> {
  return { ...group };
}

function ruleSets(body: Record<string, unknown>, state: AccessState, what: string): Pick<AccessPolicy, "include" | "require" | "exclude"> {
  const include = rulesOf(body, "include", state);
  if (include.length === 0) throw invalid(`a ${what} needs at least one include rule`);
  return { include, require: rulesOf(body, "require", state), exclude: rulesOf(body, "exclude", state) };
}

function nameOf(body: Record<string, unknown>, what: string): string {
  if (typeof body.name !== "string" || body.name.trim() === "") throw invalid(`name is required: a name for the ${what}`);
  return body.name;
}

function policyFrom(ctx: RequestContext, state: AccessState, previous?: AccessPolicy): AccessPolicy {
  const body = bodyObject(ctx);
  const decision = String(body.decision ?? "");
  if (!decisions.includes(decision)) throw invalid(`decision must be one of ${decisions.join(", ")}`);
  const now = nowIso();
  const policy: AccessPolicy = { id: previous?.id ?? uuid(), name: nameOf(body, "policy"), decision, ...ruleSets(body, state, "policy"), created_at: previous?.created_at ?? now, updated_at: now };
  if (typeof body.session_duration === "string") policy.session_duration = body.session_duration;
  return policy;
}

function groupFrom(ctx: RequestContext, state: AccessState, previous?: AccessGroup): AccessGroup {
  const body = bodyObject(ctx);
  const now = nowIso();
  return { id: previous?.id ?? uuid(), name: nameOf(body, "group"), ...ruleSets(body, state, "group"), created_at: previous?.created_at ?? now, updated_at: now };
}

function find<T extends { id: string }>(list: T[], id: string | undefined, noun: string): T {
  const found = list.find((item) => item.id === id);
  if (!found) throw fail(404, 12130, `access.api.error.not_found: ${noun} not found`);
  return found;
}

function event(action: AuditEvent["action"], resource: string, id: string, before?: unknown, after?: unknown, request?: unknown): AuditEvent {
  const audit: AuditEvent = { action, resource, id };
  if (before !== undefined) audit.before = before;
  if (after !== undefined) audit.after = after;
  if (request !== undefined) audit.request = request;
  return audit;
}

export function addPolicyRoutes(router: Router): void {
  const base = "/accounts/{account_id}/access/policies";
  const state = (ctx: RequestContext) => (requireAccount(ctx), accessOf(ctx.store));
  router.add("GET", base, (ctx) => {
    const access = state(ctx);
    const { page, info } = paginate(access.policies, ctx.query, pageLimits);
    return { result: page.map((policy) => policyView(access, policy)), resultInfo: info };
  });
  router.add("POST", base, (ctx): HandlerResult => {
    const access = state(ctx);
    const policy = policyFrom(ctx, access);
    access.policies.push(policy);
    const view = policyView(access, policy);
    return { result: view, audit: [event("create", "access_policy", policy.id, undefined, view, ctx.body)] };
  });
  router.add("GET", `${base}/{policy_id}`, (ctx) => {
    const access = state(ctx);
    return { result: policyView(access, find(access.policies, ctx.params.policy_id, "policy")) };
  });
  router.add("PUT", `${base}/{policy_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const previous = find(access.policies, ctx.params.policy_id, "policy");
    const next = policyFrom(ctx, access, previous);
    access.policies.splice(access.policies.indexOf(previous), 1, next);
    return { result: policyView(access, next), audit: [event("update", "access_policy", next.id, policyView(access, previous), policyView(access, next), ctx.body)] };
  });
  router.add("DELETE", `${base}/{policy_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const policy = find(access.policies, ctx.params.policy_id, "policy");
    const users = access.apps.filter((app) => app.links.some((link) => link.id === policy.id));
    if (users.length > 0) throw fail(409, 12130, `access.api.error.invalid_request: policy ${policy.name} is used by ${users.length} application(s) (${users.map((app) => app.domain).join(", ")}); remove it from them first`);
    access.policies.splice(access.policies.indexOf(policy), 1);
    return { result: { id: policy.id }, audit: [event("delete", "access_policy", policy.id, policyView(access, policy))] };
  });
}

export function addGroupRoutes(router: Router): void {
  const base = "/accounts/{account_id}/access/groups";
  const state = (ctx: RequestContext) => (requireAccount(ctx), accessOf(ctx.store));
  router.add("GET", base, (ctx) => {
    const { page, info } = paginate(state(ctx).groups, ctx.query, pageLimits);
    return { result: page.map(groupView), resultInfo: info };
  });
  router.add("POST", base, (ctx): HandlerResult => {
    const access = state(ctx);
    const group = groupFrom(ctx, access);
    access.groups.push(group);
    return { result: groupView(group), audit: [event("create", "access_group", group.id, undefined, groupView(group), ctx.body)] };
  });
  router.add("GET", `${base}/{group_id}`, (ctx) => ({ result: groupView(find(state(ctx).groups, ctx.params.group_id, "group")) }));
  router.add("PUT", `${base}/{group_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const previous = find(access.groups, ctx.params.group_id, "group");
    const next = groupFrom(ctx, access, previous);
    if ([...next.include, ...next.require, ...next.exclude].some((rule) => namedIds([rule], "group").includes(next.id))) throw invalid(`group ${next.name} cannot contain itself`);
    access.groups.splice(access.groups.indexOf(previous), 1, next);
    return { result: groupView(next), audit: [event("update", "access_group", next.id, groupView(previous), groupView(next), ctx.body)] };
  });
  router.add("DELETE", `${base}/{group_id}`, (ctx): HandlerResult => {
    const access = state(ctx);
    const group = find(access.groups, ctx.params.group_id, "group");
    const names = (holder: { include: unknown[]; require: unknown[]; exclude: unknown[] }) => namedIds([...holder.include, ...holder.require, ...holder.exclude] as Record<string, unknown>[], "group").includes(group.id);
    const users = [...access.policies.filter(names).map((policy) => `policy ${policy.name}`), ...access.groups.filter((other) => other !== group && names(other)).map((other) => `group ${other.name}`)];
    if (users.length > 0) throw fail(409, 12130, `access.api.error.invalid_request: group ${group.name} is used by ${users.join(", ")}; remove it from them first`);
    access.groups.splice(access.groups.indexOf(group), 1);
    return { result: { id: group.id }, audit: [event("delete", "access_group", group.id, groupView(group))] };
  });
}
