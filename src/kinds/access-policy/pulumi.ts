// The Pulumi engine's Access policies adapter: one ZeroTrustAccessPolicy (a reusable policy) per
// service, named by its change id (access/policies/<service>), imported as <account_id>/<policy_id>
// (the provider's import id). Groups it names are Outputs of the groups declared before it (the
// registry declares groups first), so Pulumi creates them first and deletes them last.
import type { ZeroTrustAccessPolicyArgs } from "@pulumi/cloudflare";
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { programIds, type ProgramIdOf } from "../access-group/pulumi.ts";
import { policyId, policyKey } from "../shared/access/names.ts";
import { rulesFromPulumi, ruleToPulumi } from "../shared/access/pulumi.ts";
import type { AccessRuleValue } from "../shared/access/values.ts";
import { policyResource } from "./expand.ts";
import { accessPolicyKindId, policyValue, type AccessPolicyValue } from "./normalise.ts";

export function policyLogicalName(name: string): string {
  return encodeLogicalName(policyId(name));
}

export function policyArgs(value: AccessPolicyValue, accountId: string, idOf: ProgramIdOf): ZeroTrustAccessPolicyArgs {
  const rules = (list: AccessRuleValue[] | undefined) => (list ?? []).map((rule) => ruleToPulumi(rule, idOf));
  const args: ZeroTrustAccessPolicyArgs = { accountId, name: value.name, decision: value.decision, includes: rules(value.include) };
  if (value.require) args.requires = rules(value.require);
  if (value.exclude) args.excludes = rules(value.exclude);
  return args;
}

export const pulumi: PulumiAdapter = {
  kind: accessPolicyKindId,
  type: "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
  shape: "single",
  logicalName: (resource) => encodeLogicalName(resource.id),
  // a live policy of the same name is adopted whatever its rules, then given git's
  adoptIgnoring: ["includes", "requires", "excludes", "decision"],
  declare(resources, ctx) {
    const idOf = programIds(ctx.declared, ctx.names);
    for (const resource of resources) {
      const name = encodeLogicalName(resource.id);
      const policy = new ctx.cloudflare.ZeroTrustAccessPolicy(name, policyArgs(resource.value as AccessPolicyValue, ctx.accountId, idOf), ctx.opts(name));
      ctx.declared?.set(name, policy);
    }
    return {};
  },
  fromState(_name, state, ctx) {
    if (!state || typeof state.name !== "string") return [];
    const desired = ctx.desiredByKey.get(policyKey(state.name))?.value as AccessPolicyValue | undefined;
    const rules = (field: unknown, wanted: AccessRuleValue[] | undefined) => rulesFromPulumi(field, wanted ?? []);
    return [policyResource(policyValue(state.name, String(state.decision ?? "allow"), rules(state.includes, desired?.include), rules(state.requires, desired?.require), rules(state.excludes, desired?.exclude)))];
  },
  importId: (_name, live, ctx) => (live[0]?.cloudId ? `${ctx.accountId}/${live[0].cloudId}` : undefined),
};
