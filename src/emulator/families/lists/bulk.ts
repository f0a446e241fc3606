// Asynchronous list item writes. Each write becomes a bulk operation that is pending until it may
// complete: after `polls` status reads and `delayMs` have passed (both 0 by default, so it completes
// at once). Cloudflare allows one outstanding operation per account and answers a further write
// with 429 (developers.cloudflare.com/waf/tools/lists/lists-api: "If a write operation is still
// being processed … you will receive a 429 HTTP status code").
import { fail } from "../../envelope.ts";
import { hexId, nowIso } from "../../ids.ts";
import type { EmulatorStore } from "../../store.ts";
import { listsOf } from "./slice.ts";
import type { BulkOperation, ListItem } from "./types.ts";
import { listErrors } from "./errors.ts";
import { itemKey, type ItemInput } from "./items.ts";
import type { BulkOperationConfig } from "../../faults.ts";


/** Cloudflare's account-wide cap on custom list items (all lists together). */
export const maxAccountItems = 10_000;
/** Completed operations kept for status reads; older ones are forgotten. */
const keptOperations = 1000;

export function startOperation(store: EmulatorStore, listId: string, change: BulkOperation["change"], config: BulkOperationConfig, now = Date.now()): BulkOperation {
  settle(store, now);
  if ([...listsOf(store).bulkOperations.values()].some((op) => op.status === "pending" || op.status === "running")) throw listErrors.operationInProgress();
  const operation: BulkOperation = {
    id: hexId(),
    list_id: listId,
    status: "pending",
    change,
    polls: 0,
    pollsNeeded: Math.max(0, config.polls ?? 0),
    readyAt: now + Math.max(0, config.delayMs ?? 0),
  };
  if (config.failWith) operation.failWith = config.failWith;
  listsOf(store).bulkOperations.set(operation.id, operation);
  trim(store);
  settle(store, now);
  return operation;
}

/** A status read: counts as a poll, then completes the operation if it may. */
export function pollOperation(store: EmulatorStore, id: string, now = Date.now()): BulkOperation {
  const operation = listsOf(store).bulkOperations.get(id);
  if (!operation) throw fail(404, 10001, "filters.api.operation_not_found");
  if (operation.status === "pending" || operation.status === "running") {
    settle(store, now);
    if (operation.status === "pending" || operation.status === "running") {
      operation.polls++;
      operation.status = operation.polls > 1 ? "running" : "pending";
    }
  }
  return operation;
}

/** Completes every operation whose time and polls have come; called before any lists read or write. */
export function settle(store: EmulatorStore, now = Date.now()): void {
  for (const operation of listsOf(store).bulkOperations.values()) {
    if (operation.status !== "pending" && operation.status !== "running") continue;
    if (operation.polls < operation.pollsNeeded || now < operation.readyAt) continue;
    complete(store, operation);
  }
}

function complete(store: EmulatorStore, operation: BulkOperation): void {
  operation.completed = nowIso().replace(/\.\d+Z$/, "Z");
  const problem = operation.failWith ?? applyChange(store, operation);
  if (problem) {
    operation.status = "failed";
    operation.error = problem;
  } else operation.status = "completed";
}

/** Applies the change; returns an error message instead when it cannot be applied. */
function applyChange(store: EmulatorStore, operation: BulkOperation): string | undefined {
  const list = listsOf(store).lists.get(operation.list_id);
  if (!list) return "The list no longer exists";
  const current = listsOf(store).listItems.get(list.id) ?? [];
  const { mode, items = [], ids = [] } = operation.change;
  let next: ListItem[];
  if (mode === "delete") {
    const gone = new Set(ids);
    next = current.filter((item) => !gone.has(item.id));
  } else {
    const merged = new Map((mode === "append" ? current : []).map((item) => [itemKey(item), item]));
    for (const item of items) merged.set(itemKey(item), { ...item, created_on: merged.get(itemKey(item))?.created_on ?? item.created_on });
    next = [...merged.values()];
  }
  // Redirect lists have Bulk Redirects' own quotas (by plan; not modelled): only custom lists share the 10,000.
  const custom = (id: string) => listsOf(store).lists.get(id)?.kind !== "redirect";
  const others = [...listsOf(store).listItems].filter(([id]) => id !== list.id && custom(id)).reduce((sum, [, listed]) => sum + listed.length, 0);
  if (list.kind !== "redirect" && others + next.length > maxAccountItems) return "This list is at the maximum number of items";
  listsOf(store).listItems.set(list.id, next);
  listsOf(store).lists.set(list.id, { ...list, modified_on: operation.completed ?? list.modified_on });
  return undefined;
}

/** Items as stored once the operation applies them: ids and timestamps assigned now. */
export function newItems(inputs: ItemInput[]): ListItem[] {
  const now = nowIso().replace(/\.\d+Z$/, "Z");
  return inputs.map((input) => ({ id: hexId(), ...input, created_on: now, modified_on: now }));
}

function trim(store: EmulatorStore): void {
  const finished = [...listsOf(store).bulkOperations.values()].filter((op) => op.status === "completed" || op.status === "failed");
  for (const operation of finished.slice(0, Math.max(0, listsOf(store).bulkOperations.size - keptOperations))) listsOf(store).bulkOperations.delete(operation.id);
}

/** The status as the API shows it (SDK BulkOperationGetResponse). */
export function operationView(operation: BulkOperation): Record<string, unknown> {
  const view: Record<string, unknown> = { id: operation.id, status: operation.status };
  if (operation.completed) view.completed = operation.completed;
  if (operation.error) view.error = operation.error;
  return view;
}
