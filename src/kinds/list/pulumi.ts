// The Pulumi engine's list adapter: one List per list with all its items (`items` replaces them in
// bulk, as the native engine does; @pulumi/cloudflare 6.x has ListItem too, for one item each, but
// the two must not be mixed). Rules that use a list depend on it, so it exists before them and goes
// after them. A redirect list's Bulk Redirect rule is the companion's (redirect-pulumi.ts): one
// account Ruleset for every enabled list.
import type { types } from "@pulumi/cloudflare";
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { listResource } from "./expand.ts";
import { itemValue, listId, listKindId, listValue, type ListItemValue, type ListValue } from "./normalise.ts";
import { redirectRulesPulumi } from "./bulk-redirect/pulumi.ts";
import { isRedirectRule } from "./redirect-rule.ts";

type ItemArgs = types.input.ListItem;

export function listLogicalName(name: string): string {
  return encodeLogicalName(listId(name));
}

export function itemArgs(item: ListItemValue): ItemArgs {
  const out: ItemArgs = {};
  if (item.ip !== undefined) out.ip = item.ip;
  else if (item.asn !== undefined) out.asn = item.asn;
  else if (item.redirect) {
    const { source, target, status, include_subdomains, subpath_matching, preserve_query_string, preserve_path_suffix } = item.redirect;
    out.redirect = { sourceUrl: source, targetUrl: target, statusCode: status, includeSubdomains: include_subdomains, subpathMatching: subpath_matching, preserveQueryString: preserve_query_string, preservePathSuffix: preserve_path_suffix };
  }
  else out.hostname = { urlHostname: item.hostname ?? "" };
  if (item.comment !== undefined) out.comment = item.comment;
  return out;
}

/** A List's Pulumi state (inputs or outputs) -> its items in the API's shape. */
function stateItems(state: Record<string, unknown> | undefined): ListItemValue[] {
  const items = Array.isArray(state?.items) ? (state.items as Record<string, unknown>[]) : [];
  return items.map((item) => {
    const hostname = item.hostname as { urlHostname?: unknown } | null | undefined;
    const redirect = item.redirect as Record<string, unknown> | null | undefined;
    const fromState = redirect
      ? { source_url: redirect.sourceUrl, target_url: redirect.targetUrl, status_code: redirect.statusCode ?? undefined, include_subdomains: redirect.includeSubdomains, subpath_matching: redirect.subpathMatching, preserve_query_string: redirect.preserveQueryString, preserve_path_suffix: redirect.preservePathSuffix }
      : undefined;
    return itemValue({ ip: item.ip ?? undefined, asn: item.asn ?? undefined, hostname: hostname?.urlHostname ?? undefined, redirect: fromState, comment: item.comment ?? undefined });
  });
}

/**
 * A list without a description is sent as the state holds "none" ("" or no value at all), so an
 * absent description never shows as an update; without a state, "" (cf-gitops' "none").
 */
export function descriptionArg(wanted: string | undefined, held: Record<string, unknown> | undefined): { description?: string } {
  if (wanted !== undefined && wanted !== "") return { description: wanted };
  if (held && (held.description === null || held.description === undefined)) return {};
  return { description: "" };
}

export const pulumi: PulumiAdapter = {
  kind: listKindId,
  type: "cloudflare:index/list:List",
  shape: "single",
  declares: (resource) => !isRedirectRule(resource.value),
  companions: [redirectRulesPulumi],
  logicalName: (resource) => listLogicalName(String(resource.value.name)),
  // a live list of the same name is imported whatever its items and description, then updated to git's
  adoptIgnoring: ["items", "description"],
  declare(resources, ctx) {
    const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs]));
    for (const resource of resources) {
      const value = resource.value as unknown as ListValue;
      const name = listLogicalName(value.name);
      const args = { accountId: ctx.accountId, name: value.name, kind: value.kind, ...descriptionArg(value.description, held.get(name)), items: value.items.map(itemArgs) };
      // name and kind cannot change in place: the old list goes first (a second list of the same name is refused)
      const list = new ctx.cloudflare.List(name, args, { ...ctx.opts(name), deleteBeforeReplace: true });
      ctx.declared?.set(name, list);
    }
    return {};
  },
  fromState(_name, state) {
    if (!state || typeof state.name !== "string") return [];
    return [listResource(listValue(state.name, String(state.kind ?? ""), state.description, stateItems(state)))];
  },
  importId: (_name, live, ctx) => (live[0]?.cloudId ? `${ctx.accountId}/${live[0].cloudId}` : undefined),
};
