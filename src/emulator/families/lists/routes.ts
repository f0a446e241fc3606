// Account custom lists: list, create, get, update (description only) and delete, which Cloudflare
// refuses while a rule still uses the list ("Deletes the list, but only when no filters reference it").
import type { AuditEvent } from "../../audit/types.ts";
import { settle } from "./bulk.ts";
import { listErrors } from "./errors.ts";
import { referencingRules } from "./references.ts";
import { listView } from "./view.ts";
import { hexId, isHexId, nowIso } from "../../ids.ts";
import type { RequestContext, Router } from "../../router.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import { listsOf } from "./slice.ts";
import type { ListKind, RulesList } from "./types.ts";

const kinds: ListKind[] = ["ip", "asn", "hostname", "redirect"];
/** The Lists docs: "only lowercase letters, numbers, and the underscore", at most 50 characters. */
const namePattern = /^[a-z0-9_]{1,50}$/;

/** The account, with finished bulk operations applied, as every lists route starts. */
export function listsAccount(ctx: RequestContext): string {
  const account = requireAccount(ctx);
  settle(ctx.store);
  return account;
}

export function requireList(ctx: RequestContext): RulesList {
  listsAccount(ctx);
  const id = ctx.params.list_id ?? "";
  const list = isHexId(id) ? listsOf(ctx.store).lists.get(id) : undefined;
  if (!list) throw listErrors.notFound();
  return list;
}

function description(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string" || value.length > 500) throw listErrors.invalidDescription();
  return value;
}

function event(action: AuditEvent["action"], ctx: RequestContext, list: RulesList, before?: unknown, after?: unknown): AuditEvent {
  const audit: AuditEvent = { action, resource: "list", id: list.id };
  if (before !== undefined) audit.before = before;
  if (after !== undefined) audit.after = after;
  if (ctx.body !== undefined) audit.request = ctx.body;
  return audit;
}

export function addListRoutes(router: Router): void {
  const base = "/accounts/{account_id}/rules/lists";
  router.add("GET", base, (ctx) => {
    listsAccount(ctx);
    return { result: [...listsOf(ctx.store).lists.values()].map((list) => listView(ctx.store, list)) };
  });
  router.add("POST", base, (ctx) => {
    listsAccount(ctx);
    const body = bodyObject(ctx);
    if (typeof body.name !== "string" || !namePattern.test(body.name)) throw listErrors.invalidName(body.name);
    if (!kinds.includes(body.kind as ListKind)) throw listErrors.invalidKind(body.kind);
    if ([...listsOf(ctx.store).lists.values()].some((list) => list.name === body.name)) throw listErrors.duplicateName(body.name);
    const now = nowIso().replace(/\.\d+Z$/, "Z");
    const list: RulesList = { id: hexId(), name: body.name, description: description(body.description), kind: body.kind as ListKind, created_on: now, modified_on: now };
    listsOf(ctx.store).lists.set(list.id, list);
    listsOf(ctx.store).listItems.set(list.id, []);
    const view = listView(ctx.store, list);
    return { result: view, audit: [event("create", ctx, list, undefined, view)] };
  });
  router.add("GET", `${base}/{list_id}`, (ctx) => ({ result: listView(ctx.store, requireList(ctx)) }));
  router.add("PUT", `${base}/{list_id}`, (ctx) => {
    const list = requireList(ctx);
    const before = listView(ctx.store, list);
    const updated = { ...list, description: description(bodyObject(ctx).description), modified_on: nowIso().replace(/\.\d+Z$/, "Z") };
    listsOf(ctx.store).lists.set(list.id, updated);
    const view = listView(ctx.store, updated);
    return { result: view, audit: [event("update", ctx, updated, before, view)] };
  });
  router.add("DELETE", `${base}/{list_id}`, (ctx) => {
    const list = requireList(ctx);
    const rules = referencingRules(ctx.store, list.name);
    if (rules > 0) throw listErrors.inUse(list.name, rules);
    const before = listView(ctx.store, list);
    listsOf(ctx.store).lists.delete(list.id);
    listsOf(ctx.store).listItems.delete(list.id);
    return { result: { id: list.id }, audit: [event("delete", ctx, list, before)] };
  });
}
