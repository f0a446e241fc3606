// The account-level rule that turns a redirect list on: one rule per enabled list in the account's
// http_request_redirect entrypoint, redirecting `from_list` (Cloudflare's Bulk Redirect Rule). It is
// a resource of the list kind, named after its list (lists/<list>/redirect-rule), so the list file
// that says `enabled: true` owns it (ADR 32).
import type { Resource } from "../../plan/resources.ts";
import { isRecord } from "../kind.ts";
import { listKindId, listScope } from "./normalise.ts";

export const bulkRedirectPhase = "http_request_redirect";

/** What the rule matches: the request's URL, looked up in the list (Cloudflare's documented rule). */
export const bulkRedirectKey = "http.request.full_uri";

export interface RedirectRuleValue {
  /** The list the rule redirects from (its identity). */
  list: string;
  expression: string;
  enabled: boolean;
}

export function redirectRuleId(list: string): string {
  return `lists/${list}/redirect-rule`;
}

export function isRedirectRule(value: Record<string, unknown>): boolean {
  return typeof value.list === "string";
}

export function redirectRuleExpression(list: string): string {
  return `${bulkRedirectKey} in $${list}`;
}

export function redirectRuleResource(value: RedirectRuleValue): Resource {
  const id = redirectRuleId(value.list);
  return { kind: listKindId, key: id, id, scope: listScope, value: { ...value } };
}

/** A rule of the live entrypoint -> its resource, or undefined when it does not redirect from a list. */
export function redirectRuleFromApi(rule: Record<string, unknown>): Resource | undefined {
  const from = isRecord(rule.action_parameters) && isRecord(rule.action_parameters.from_list) ? rule.action_parameters.from_list : undefined;
  if (typeof from?.name !== "string") return undefined;
  const resource = redirectRuleResource({ list: from.name, expression: String(rule.expression ?? ""), enabled: rule.enabled !== false });
  if (typeof rule.id === "string") resource.cloudId = rule.id;
  return resource;
}

/** As the entrypoint PUT takes it (the ref is the rule's identity across edits in the dashboard). */
export function redirectRuleToApi(value: RedirectRuleValue): Record<string, unknown> {
  return {
    ref: `cf-gitops-${value.list}`,
    description: `Bulk redirects from list ${value.list} (cf-gitops)`,
    expression: value.expression,
    action: "redirect",
    action_parameters: { from_list: { name: value.list, key: bulkRedirectKey } },
    enabled: value.enabled,
  };
}
