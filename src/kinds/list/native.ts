// The native engine's list adapter: the account's lists read once (one request), the items of each
// managed list read once (500 a page), and the Bulk Redirect rules (one request) when there are
// redirect lists; a change is a list create, a description PUT, a bulk PUT of every item (polled to
// completion) or a delete, and the rules' changes one entrypoint PUT, after the lists they use
// exist and before the lists they used are deleted.
import type Cloudflare from "cloudflare";
import type { NativeAdapter, WriteContext } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import type { Resource } from "../../plan/resources.ts";
import type { Change } from "../../plan/types.ts";
import { listResource } from "./expand.ts";
import { itemToApi, itemValue, listKindId, listValue, type ListValue } from "./normalise.ts";
import { pollOperation } from "./poll.ts";
import { isRedirectRule } from "./redirect-rule.ts";
import { putRedirectRules, readRedirectRules, redirectRulesWanted, rulesPayload, type RedirectMeta, type RulesPayload } from "./bulk-redirect/native.ts";

export type ListPayload =
  | RulesPayload
  | { action: "create"; name: string; kind: string; description: string; items: Record<string, unknown>[] }
  | { action: "update"; name: string; listId: string; description?: string; items?: Record<string, unknown>[] }
  | { action: "recreate"; name: string; listId: string; kind: string; description: string; items: Record<string, unknown>[] }
  | { action: "delete"; name: string; listId: string };

/** Items are read this many at a time (the API's maximum). */
export const itemsPageSize = 500;
/** How long a write waits for its bulk operation; tests may lower it. */
export const bulkPoll = { timeoutMs: 120_000, delayMs: 100, maxDelayMs: 5_000 };

/** A live list (as the API lists it) and its items -> its resource. */
export function listToResource(list: { id: string; name: string; kind: string; description?: string | null }, items: Record<string, unknown>[]): Resource {
  const resource = listResource(listValue(list.name, list.kind, list.description ?? undefined, items.map(itemValue)));
  resource.cloudId = list.id;
  return resource;
}

async function readItems(client: Cloudflare, accountId: string, list: { id: string; name: string }): Promise<Record<string, unknown>[]> {
  const what = `read the items of list ${list.name}`;
  let page = await call(what, () => client.rules.lists.items.list(list.id, { account_id: accountId, per_page: itemsPageSize } as never));
  const items = [...(page.result as unknown as Record<string, unknown>[])];
  while (page.hasNextPage()) {
    page = await call(what, () => page.getNextPage());
    items.push(...(page.result as unknown as Record<string, unknown>[]));
  }
  return items;
}

async function replaceItems(ctx: WriteContext, accountId: string, listId: string, name: string, items: Record<string, unknown>[]): Promise<void> {
  const what = `replace the items of list ${name}`;
  const started = await call(what, () => ctx.client.rules.lists.items.update(listId, { account_id: accountId, body: items } as never));
  const operation = (started as { operation_id?: string }).operation_id ?? "";
  await pollOperation(() => call(`check on the items of list ${name}`, () => ctx.client.rules.lists.bulkOperations.get(operation, { account_id: accountId })) as Promise<{ status: string; error?: string }>, {
    what,
    ...bulkPoll,
    ...(ctx.signal && { signal: ctx.signal }),
  });
}

async function createList(ctx: WriteContext, accountId: string, payload: { name: string; kind: string; description: string; items: Record<string, unknown>[] }): Promise<void> {
  const created = await call(`create list ${payload.name}`, () => ctx.client.rules.lists.create({ account_id: accountId, name: payload.name, kind: payload.kind as never, description: payload.description }));
  if (payload.items.length > 0) await replaceItems(ctx, accountId, created.id, payload.name, payload.items);
}

async function write(payload: Exclude<ListPayload, RulesPayload>, ctx: WriteContext): Promise<void> {
  const accountId = await ctx.accountId();
  if (payload.action === "create") return createList(ctx, accountId, payload);
  if (payload.action === "delete" || payload.action === "recreate") {
    await call(`delete list ${payload.name}`, () => ctx.client.rules.lists.delete(payload.listId, { account_id: accountId }));
    if (payload.action === "recreate") await createList(ctx, accountId, payload);
    return;
  }
  if (payload.description !== undefined) {
    const description = payload.description;
    await call(`update the description of list ${payload.name}`, () => ctx.client.rules.lists.update(payload.listId, { account_id: accountId, description }));
  }
  if (payload.items) await replaceItems(ctx, accountId, payload.listId, payload.name, payload.items);
}

export const native: NativeAdapter<ListPayload> = {
  kind: listKindId,
  // Read-only lists are named here (no request), so the read skips their items; and whether a
  // redirect list is to be turned on, so the read includes the Bulk Redirect rules.
  resolve(desired) {
    const names = new Map((desired.lists ?? []).filter((list) => list.read_only).map((list) => [list.list, "read-only"]));
    if ((desired.lists ?? []).some((list) => list.kind === "redirect" && list.enabled)) names.set(redirectRulesWanted, "read");
    return Promise.resolve(names);
  },
  probe: ({ accountId }, { client }) => call("list the account's lists", () => client.rules.lists.list({ account_id: accountId })),
  async readAccount(_scopes, ctx) {
    const accountId = await ctx.accountId();
    const lists = await call("list the account's lists", () => ctx.client.rules.lists.list({ account_id: accountId }));
    const resources: Resource[] = [];
    for (const list of lists.result) {
      if (ctx.resolved.get(list.name) === "read-only") continue;
      resources.push(listToResource(list, await readItems(ctx.client, accountId, list)));
    }
    if (!lists.result.some((list) => list.kind === "redirect") && !ctx.resolved.has(redirectRulesWanted)) return { resources };
    const rules = await readRedirectRules(ctx, accountId);
    return { resources: [...resources, ...rules.resources], meta: { account: rules.meta } };
  },
  // The list and its items are both logged under the list's id; a rule under the entrypoint's.
  auditResource: ({ change, resource, meta }) => {
    if (resource && isRedirectRule(resource.value)) {
      const rulesetId = (meta as RedirectMeta | undefined)?.rulesetId;
      return rulesetId ? { id: rulesetId, types: ["ruleset"] } : undefined;
    }
    const id = change.cloudId ?? resource?.cloudId;
    return id ? { id, types: ["list", "list_items"] } : undefined;
  },
  payload({ change, want, have, desired, live, meta }) {
    if (isRedirectRule((want ?? have)!.value)) return rulesPayload(change, desired, live, meta);
    const value = (want ?? have)!.value as unknown as ListValue;
    const name = value.name;
    if (change.op === "delete") return { action: "delete", name, listId: have!.cloudId! };
    const items = value.items.map(itemToApi);
    const description = value.description ?? "";
    if (!have) return { action: "create", name, kind: value.kind, description, items };
    if (change.fields.includes("kind")) return { action: "recreate", name, listId: have.cloudId!, kind: value.kind, description, items };
    return { action: "update", name, listId: have.cloudId!, ...(change.fields.includes("description") && { description }), ...(change.fields.includes("items") && { items }) };
  },
  writes(changes, ctx) {
    const rules = changes.filter((change) => change.payload?.action === "rules") as Change<RulesPayload>[];
    const lists = changes.filter((change) => change.payload && change.payload.action !== "rules").map((change) => ({ changes: [change], run: () => write(change.payload as Exclude<ListPayload, RulesPayload>, ctx) }));
    if (rules.length === 0) return lists;
    const put = { changes: rules, run: () => putRedirectRules(rules, ctx) };
    // the rules go on after the lists they use exist, and off before the lists they used go
    return rules.every((change) => change.op === "delete") ? [put, ...lists] : [...lists, put];
  },
};
