// The native engine's side of the Bulk Redirect rules: the account's http_request_redirect
// entrypoint, read once (only when the account has a redirect list, or the files want one on) and
// PUT once per apply with every rule, which replaces the phase's rules. Rules cf-gitops does not
// own (those of read-only lists, and any that do not redirect from a list) are kept as they are.
import type { ReadContext, WriteContext } from "../../../engines/native/adapter.ts";
import { call } from "../../../engines/native/call.ts";
import type { Resource } from "../../../plan/resources.ts";
import type { Change } from "../../../plan/types.ts";
import { ApiError } from "../../../shared/errors.ts";
import { stableJson } from "../../../plan/diff.ts";
import { bulkRedirectPhase, isRedirectRule, redirectRuleFromApi, redirectRuleToApi, type RedirectRuleValue } from "../redirect-rule.ts";

/** The name `resolve` gives when the files turn a redirect list on (no list can be named so). */
export const redirectRulesWanted = "$redirect-rules";

export interface RedirectMeta {
  rulesetId?: string;
  name?: string;
  description?: string;
  /** Live rules cf-gitops leaves alone, as the API returned them (with their ids). */
  keep: Record<string, unknown>[];
}

export interface RulesPayload {
  action: "rules";
  rules: Record<string, unknown>[];
  /** Whether this change's step sends the PUT (one PUT an apply: the first step that needs it). */
  put: boolean;
}

/** The entrypoint's rules: those redirecting from a managed list as resources, the rest kept. */
export async function readRedirectRules(ctx: ReadContext, accountId: string): Promise<{ resources: Resource[]; meta: RedirectMeta }> {
  try {
    const ruleset = await call("read the account's bulk redirect rules", () => ctx.client.rulesets.phases.get(bulkRedirectPhase as never, { account_id: accountId }));
    const meta: RedirectMeta = { rulesetId: ruleset.id, name: ruleset.name, keep: [] };
    if (ruleset.description) meta.description = ruleset.description;
    const resources: Resource[] = [];
    for (const rule of (ruleset.rules ?? []) as unknown as Record<string, unknown>[]) {
      const resource = redirectRuleFromApi(rule);
      if (!resource || ctx.resolved.get(String(resource.value.list)) === "read-only") meta.keep.push(rule);
      else resources.push(resource);
    }
    return { resources, meta };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { resources: [], meta: { keep: [] } }; // no entrypoint yet
    throw error;
  }
}

function keptRules(meta: unknown): Record<string, unknown>[] {
  const keep = (meta as RedirectMeta | undefined)?.keep ?? [];
  return keep.map(({ id, ref, description, expression, action, action_parameters, enabled }) => ({ id, ref, description, expression, action, action_parameters, enabled }));
}

/**
 * Every rule the entrypoint should hold (kept ones first, then each enabled list's, by list name,
 * with the live rule's id), and whether this change sends it: creates and updates do; deletes only
 * when no create or update of a rule goes first in the apply (its PUT already left them out).
 */
export function rulesPayload(change: Change, desired: Resource[], live: Resource[], meta: unknown): RulesPayload {
  const wanted = desired.filter((resource) => isRedirectRule(resource.value)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const liveRules = new Map(live.filter((resource) => isRedirectRule(resource.value)).map((resource) => [resource.key, resource]));
  const rules = [
    ...keptRules(meta),
    ...wanted.map((resource) => {
      const id = liveRules.get(resource.key)?.cloudId;
      const rule = redirectRuleToApi(resource.value as unknown as RedirectRuleValue);
      return id ? { id, ...rule } : rule;
    }),
  ];
  const earlier = wanted.some((resource) => stableJson(liveRules.get(resource.key)?.value) !== stableJson(resource.value));
  return { action: "rules", rules, put: change.op !== "delete" || !earlier };
}

/** The one PUT (or nothing, when an earlier step of the apply sent it). */
export async function putRedirectRules(changes: Change<RulesPayload>[], ctx: WriteContext): Promise<void> {
  const payload = changes.find((change) => change.payload?.put)?.payload;
  if (!payload) return;
  const accountId = await ctx.accountId();
  await call("replace the account's bulk redirect rules", () => ctx.client.rulesets.phases.update(bulkRedirectPhase as never, { account_id: accountId, rules: payload.rules } as never));
}
