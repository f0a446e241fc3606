// GET /accounts/{account_id}/audit_logs (v1): entries in the SDK's shared AuditLog shape plus the
// newValueJson / oldValueJson a live read shows (2026-05-27), paged with page / per_page, filtered
// by since, before, direction, action.type, actor.email, actor.ip, zone.name and id.
import { fail, type HandlerResult } from "../../envelope.ts";
import { paginate } from "../../pagination.ts";
import type { EmulatorStore } from "../../store.ts";
import { namesOf, type AuditNames } from "../../audit/names.ts";
import { inRange, timeRange } from "./time-range.ts";
import type { AuditEntry } from "../../audit/types.ts";

export function v1View(entry: AuditEntry, accountId: string, table: ReadonlyMap<string, AuditNames>): Record<string, unknown> {
  const names = namesOf(table, entry.resource);
  const view: Record<string, unknown> = {
    id: entry.entryId,
    action: { type: names.v1Actions[entry.action], result: true },
    actor: { id: entry.actor.userId, email: entry.actor.email, ip: entry.actor.ip, type: "user" },
    interface: entry.actor.via === "dashboard" ? "UI" : "API",
    metadata: entry.zone ? { zone_name: entry.zone.name } : {},
  };
  if (entry.after !== undefined) Object.assign(view, { newValue: JSON.stringify(entry.after), newValueJson: entry.after });
  if (entry.before !== undefined) Object.assign(view, { oldValue: JSON.stringify(entry.before), oldValueJson: entry.before });
  Object.assign(view, { owner: { id: accountId }, resource: { id: entry.id, type: names.v1Type }, when: entry.time });
  return view;
}

export function listV1(store: EmulatorStore, query: URLSearchParams, table: ReadonlyMap<string, AuditNames>): HandlerResult {
  const range = timeRange(query, false);
  const direction = query.get("direction") ?? "desc";
  if (direction !== "asc" && direction !== "desc") throw fail(400, 1001, `Invalid direction "${direction}": use asc or desc`);
  const filters: Array<[string, (view: Record<string, unknown>) => unknown]> = [
    ["id", (v) => v.id],
    ["action.type", (v) => (v.action as Record<string, unknown>).type],
    ["actor.email", (v) => (v.actor as Record<string, unknown>).email],
    ["actor.ip", (v) => (v.actor as Record<string, unknown>).ip],
    ["zone.name", (v) => (v.metadata as Record<string, unknown>).zone_name],
  ];
  let views = store.audit.filter((entry) => inRange(entry.time, range)).map((entry) => v1View(entry, store.accountId, table));
  for (const [name, read] of filters) {
    const wanted = query.get(name);
    if (wanted !== null) views = views.filter((view) => String(read(view)) === wanted);
  }
  if (direction === "desc") views = views.reverse();
  const { page, info } = paginate(views, query, { defaultPerPage: 100, maxPerPage: 1000 });
  return { result: page, resultInfo: info };
}
