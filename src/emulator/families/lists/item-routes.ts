// List items: cursor-paged reads, the three asynchronous writes (append, replace all, delete by id)
// that answer { operation_id }, one item by id, and the bulk operation status.
import { Buffer } from "node:buffer";
import type { AuditEvent } from "../../audit/types.ts";
import { fail, type HandlerResult } from "../../envelope.ts";
import { newItems, operationView, pollOperation, startOperation } from "./bulk.ts";
import { listErrors } from "./errors.ts";
import { matchesSearch, parseItems } from "./items.ts";
import { itemView } from "./view.ts";
import type { RequestContext, Router } from "../../router.ts";
import { listsOf } from "./slice.ts";
import type { BulkOperation, RulesList } from "./types.ts";
import { listsAccount, requireList } from "./routes.ts";

/** The API's limits on per_page; the emulator's default when none is sent. */
const maxPerPage = 500;
const defaultPerPage = 25;

function encodeCursor(index: number): string {
  return Buffer.from(`emu:${index}`).toString("base64url");
}

function decodeCursor(cursor: string): number {
  const match = /^emu:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw fail(400, 10026, "filters.api.invalid_cursor");
  return Number(match[1]);
}

/** result_info is present only while there is a next page, as in the recorded pages (cursors.after). */
function listItems(ctx: RequestContext): HandlerResult {
  const list = requireList(ctx);
  const perPageText = ctx.query.get("per_page");
  const perPage = perPageText === null ? defaultPerPage : Number(perPageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) throw fail(400, 10026, `filters.api.invalid_per_page: must be from 1 to ${maxPerPage}`);
  const search = ctx.query.get("search");
  const items = (listsOf(ctx.store).listItems.get(list.id) ?? []).filter((item) => !search || matchesSearch(item, search));
  const cursor = ctx.query.get("cursor");
  const start = cursor ? decodeCursor(cursor) : 0;
  const page = items.slice(start, start + perPage);
  const result: HandlerResult = { result: page.map(itemView) };
  if (start + perPage < items.length) {
    result.resultInfo = { cursors: { after: encodeCursor(start + perPage), ...(start > 0 ? { before: encodeCursor(start) } : {}) } };
  }
  return result;
}

function accepted(ctx: RequestContext, list: RulesList, change: BulkOperation["change"], count: number): HandlerResult {
  const operation = startOperation(ctx.store, list.id, change, ctx.faults.get().bulkOperations ?? {});
  const event: AuditEvent = {
    action: "update",
    resource: "list_items",
    id: list.id,
    after: { operation_id: operation.id, mode: change.mode, items: count },
    request: Array.isArray(ctx.body) && ctx.body.length > 100 ? { items: ctx.body.length } : ctx.body,
  };
  return { result: { operation_id: operation.id }, audit: [event] };
}

function writeItems(mode: "append" | "replace") {
  return (ctx: RequestContext): HandlerResult => {
    const list = requireList(ctx);
    if (ctx.body === undefined) throw listErrors.invalidJson("the body must be a JSON array of items");
    const parsed = parseItems(list.kind, ctx.body);
    if ("problems" in parsed) throw Array.isArray(ctx.body) ? listErrors.invalidItems(parsed.problems) : listErrors.invalidJson(parsed.problems[0]!);
    return accepted(ctx, list, { mode, items: newItems(parsed.items) }, parsed.items.length);
  };
}

function deleteItems(ctx: RequestContext): HandlerResult {
  const list = requireList(ctx);
  const items = (ctx.body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0 || items.some((item) => typeof (item as { id?: unknown } | null)?.id !== "string")) {
    throw listErrors.invalidJson('the body must be { "items": [{ "id": … }] } with at least one item');
  }
  const ids = (items as Array<{ id: string }>).map((item) => item.id);
  return accepted(ctx, list, { mode: "delete", ids }, ids.length);
}

export function addListItemRoutes(router: Router): void {
  const base = "/accounts/{account_id}/rules/lists";
  // Registered before …/{list_id}/items so the literal segment wins.
  router.add("GET", `${base}/bulk_operations/{operation_id}`, (ctx) => {
    listsAccount(ctx);
    return { result: operationView(pollOperation(ctx.store, ctx.params.operation_id ?? "")) };
  });
  router.add("GET", `${base}/{list_id}/items`, listItems);
  router.add("POST", `${base}/{list_id}/items`, writeItems("append"));
  router.add("PUT", `${base}/{list_id}/items`, writeItems("replace"));
  router.add("DELETE", `${base}/{list_id}/items`, deleteItems);
  router.add("GET", `${base}/{list_id}/items/{item_id}`, (ctx) => {
    const list = requireList(ctx);
    const item = listsOf(ctx.store).listItems.get(list.id)?.find((candidate) => candidate.id === ctx.params.item_id);
    if (!item) throw listErrors.itemNotFound();
    return { result: itemView(item) };
  });
}
