// The Pulumi side of the Bulk Redirect rules: one account Ruleset (kind root, phase
// http_request_redirect) holding a rule per enabled redirect list, declared by the list kind as a
// companion of its List adapter; it depends on the Lists it uses, so they exist before it and go
// after it. Unlike the native engine, it holds exactly cf-gitops' rules (rules made elsewhere in
// the phase are replaced).
import type { PulumiAdapter } from "../../../engines/pulumi/adapter.ts";
import { decodeLogicalName, encodeLogicalName } from "../../../engines/pulumi/names.ts";
import type { Resource } from "../../../plan/resources.ts";
import { rulesetIdentity, rulesetStateToApiRules, type RulesetRule } from "../../shared/ruleset-phase/pulumi.ts";
import { listKindId } from "../normalise.ts";
import type { RedirectMeta } from "./native.ts";
import { bulkRedirectKey, bulkRedirectPhase, isRedirectRule, redirectRuleFromApi, redirectRuleToApi, type RedirectRuleValue } from "../redirect-rule.ts";

/** The one account Ruleset's logical name (no zone phase's key ends it). */
export const redirectRulesetName = encodeLogicalName(`lists/${bulkRedirectPhase}`);

function rule(value: RedirectRuleValue): RulesetRule {
  const api = redirectRuleToApi(value);
  return {
    ref: String(api.ref),
    description: String(api.description),
    expression: value.expression,
    action: "redirect",
    enabled: value.enabled,
    actionParameters: { fromList: { name: value.list, key: bulkRedirectKey } },
  };
}

export const redirectRulesPulumi: PulumiAdapter = {
  kind: listKindId,
  type: "cloudflare:index/ruleset:Ruleset",
  shape: "group",
  declares: (resource) => isRedirectRule(resource.value),
  handles: (name) => name === redirectRulesetName,
  logicalName: () => redirectRulesetName,
  // an existing entrypoint (made in the dashboard) is imported with its live name, then updated to the files' rules
  adoptIgnoring: ["rules", "description"],
  adoptionHints(_name, _live, ctx) {
    const meta = ctx.meta("account") as RedirectMeta | undefined;
    return meta?.name === undefined ? undefined : { name: meta.name, ...(meta.description !== undefined && { description: meta.description }) };
  },
  declare(resources, ctx) {
    if (resources.length === 0) return {};
    const name = redirectRulesetName;
    const held = ctx.state.find((entry) => entry.name === name)?.outputs;
    const rules = [...resources].sort((a, b) => (a.key < b.key ? -1 : 1));
    const lists = rules.flatMap((resource) => ctx.declared?.get(encodeLogicalName(`lists/${String(resource.value.list)}`)) ?? []);
    const args = {
      accountId: ctx.accountId,
      ...rulesetIdentity("account", "bulk redirects", held, ctx.adopting(name)),
      kind: "root",
      phase: bulkRedirectPhase,
      rules: rules.map((resource) => rule(resource.value as unknown as RedirectRuleValue)),
    };
    new ctx.cloudflare.Ruleset(name, args, { ...ctx.opts(name), ...(lists.length > 0 && { dependsOn: lists }), deleteBeforeReplace: true });
    return {};
  },
  fromState(name, state) {
    if (decodeLogicalName(name) !== decodeLogicalName(redirectRulesetName)) return [];
    return rulesetStateToApiRules(state).flatMap((api) => {
      const resource: Resource | undefined = redirectRuleFromApi(api);
      if (resource) delete resource.cloudId;
      return resource ? [resource] : [];
    });
  },
  importId(_name, _live, ctx) {
    const meta = ctx.meta("account") as RedirectMeta | undefined;
    return meta?.rulesetId ? `accounts/${ctx.accountId}/${meta.rulesetId}` : undefined;
  },
};
