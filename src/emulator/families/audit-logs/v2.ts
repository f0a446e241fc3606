// GET /accounts/{account_id}/logs/audit (Audit Logs v2): entries in the SDK's AuditListResponse
// shape, cursor-paged with `limit` and `cursor`, newest first unless direction=asc, filtered by the
// SDK's query parameters (`resource_type=…`, repeatable, and `resource_type.not=…`, and so on).
import { Buffer } from "node:buffer";
import { fail, type HandlerResult } from "../../envelope.ts";
import type { EmulatorStore } from "../../store.ts";
import { describeAction, namesOf, type AuditNames } from "../../audit/names.ts";
import { inRange, timeRange } from "./time-range.ts";
import type { AuditEntry } from "../../audit/types.ts";

type View = Record<string, unknown>;

export function v2View(entry: AuditEntry, account: { id: string; name: string }, table: ReadonlyMap<string, AuditNames>): View {
  const names = namesOf(table, entry.resource);
  const actor: View = { id: entry.actor.userId, context: entry.actor.via === "dashboard" ? "dash" : "api_token", email: entry.actor.email, ip_address: entry.actor.ip };
  if (entry.actor.tokenId) Object.assign(actor, { token_id: entry.actor.tokenId, token_name: entry.actor.tokenName });
  actor.type = "user";
  const resource: View = { id: entry.id, product: names.product };
  if (entry.request !== undefined) resource.request = entry.request;
  if (entry.after !== undefined) resource.response = entry.after;
  Object.assign(resource, { scope: names.scope, type: names.type });
  const view: View = {
    id: entry.entryId,
    account,
    action: { description: describeAction(entry.action, names), result: "success", time: entry.time, type: entry.action },
    actor,
    raw: { cf_ray_id: entry.http.rayId, method: entry.http.method, status_code: entry.http.status, uri: entry.http.uri, user_agent: entry.http.userAgent },
    resource,
  };
  if (entry.zone) view.zone = entry.zone;
  return view;
}

/** Query parameter -> the value it compares in an entry's v2 view. */
const filterFields: Record<string, (view: View) => unknown> = {
  id: (v) => v.id,
  audit_log_id: (v) => v.id,
  account_name: (v) => (v.account as View).name,
  action_result: (v) => (v.action as View).result,
  action_type: (v) => (v.action as View).type,
  actor_context: (v) => (v.actor as View).context,
  actor_email: (v) => (v.actor as View).email,
  actor_id: (v) => (v.actor as View).id,
  actor_ip_address: (v) => (v.actor as View).ip_address,
  actor_token_id: (v) => (v.actor as View).token_id,
  actor_token_name: (v) => (v.actor as View).token_name,
  actor_type: (v) => (v.actor as View).type,
  raw_cf_ray_id: (v) => (v.raw as View).cf_ray_id,
  raw_method: (v) => (v.raw as View).method,
  raw_status_code: (v) => (v.raw as View).status_code,
  raw_uri: (v) => (v.raw as View).uri,
  resource_id: (v) => (v.resource as View).id,
  resource_product: (v) => (v.resource as View).product,
  resource_scope: (v) => (v.resource as View).scope,
  resource_type: (v) => (v.resource as View).type,
  zone_id: (v) => (v.zone as View | undefined)?.id,
  zone_name: (v) => (v.zone as View | undefined)?.name,
};

function matcher(query: URLSearchParams): (view: View) => boolean {
  const tests: Array<(view: View) => boolean> = [];
  for (const [name, read] of Object.entries(filterFields)) {
    const wanted = query.getAll(name);
    const unwanted = query.getAll(`${name}.not`);
    if (wanted.length > 0) tests.push((view) => wanted.includes(String(read(view))));
    if (unwanted.length > 0) tests.push((view) => !unwanted.includes(String(read(view))));
  }
  return (view) => tests.every((test) => test(view));
}

const maxLimit = 1000;

export function listV2(store: EmulatorStore, query: URLSearchParams, table: ReadonlyMap<string, AuditNames>): HandlerResult {
  const range = timeRange(query, true);
  const direction = query.get("direction") ?? "desc";
  if (direction !== "asc" && direction !== "desc") throw fail(400, 1001, `Invalid direction "${direction}": use asc or desc`);
  const limitText = query.get("limit");
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw fail(400, 1001, `Invalid limit: must be from 1 to ${maxLimit}`);
  const account = { id: store.accountId, name: store.accountName };
  const matches = matcher(query);
  let views = store.audit.filter((entry) => inRange(entry.time, range)).map((entry) => v2View(entry, account, table)).filter(matches);
  if (direction === "desc") views = views.reverse();
  const cursor = query.get("cursor");
  let start = 0;
  if (cursor) {
    const last = Buffer.from(cursor, "base64url").toString("utf8");
    const index = views.findIndex((view) => view.id === last);
    if (index < 0) throw fail(400, 1001, "Invalid cursor");
    start = index + 1;
  }
  const page = views.slice(start, start + limit);
  const info: Record<string, unknown> = { count: page.length };
  if (start + limit < views.length) {
    const next = Buffer.from(String(page.at(-1)!.id)).toString("base64url");
    // `cursor` is the documented field; the SDK (7.x) pages on `cursors.after`. Both carry the same value.
    Object.assign(info, { cursor: next, cursors: { after: next } });
  }
  return { result: page, resultInfo: info };
}
