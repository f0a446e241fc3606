// List files -> one resource per managed list, and one for the Bulk Redirect rule of each enabled
// redirect list. Any list file claims the account's lists and their rules, so a live list (or
// rule) no file declares is deleted; read_only lists, and rules using them, are left alone.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { itemValue, listId, listKindId, listScope, listValue, type ListValue } from "./normalise.ts";
import { redirectRuleExpression, redirectRuleResource } from "./redirect-rule.ts";

export function listResource(value: ListValue): Resource {
  const id = listId(value.name);
  return { kind: listKindId, key: id, id, scope: listScope, value: { ...value } };
}

export function expandLists(state: DesiredState, out: ExpandOutput): void {
  const lists = state.lists ?? [];
  if (lists.length === 0) return;
  out.claim(listKindId, listScope, lists.filter((list) => list.read_only).map((list) => list.list));
  for (const list of lists) {
    if (list.read_only) continue;
    const resource = listResource(listValue(list.list, list.kind, list.description, list.items.map(itemValue)));
    resource.source = list.source;
    out.resources.push(resource);
    if (list.kind !== "redirect" || !list.enabled) continue;
    const rule = redirectRuleResource({ list: list.list, expression: redirectRuleExpression(list.list), enabled: true });
    rule.source = list.source;
    out.resources.push(rule);
  }
}

/** A live list (or the rule of a list) is ours unless a read_only file declares the list. */
export function ownsList(resource: Resource, readOnly: unknown): boolean {
  return !(Array.isArray(readOnly) && readOnly.includes(resource.value.name ?? resource.value.list));
}
