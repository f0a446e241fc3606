// The native engine's Access policies adapter: the account's reusable policies read once (with the
// names of the groups, tokens and login methods their rules use), one call per change (a policy's
// update is one PUT of its rules). Names the service files use must already exist (tokens, login
// methods, read_only groups): resolved before the plan, an unknown one is an error at its line.
import type { DesiredState } from "../../desired-state/types.ts";
import type { NativeAdapter, WriteContext } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import { declaresApplication } from "../shared/access/block.ts";
import { directoryOf, idsFrom, liveGroups, livePolicies, payloadIds, resolveAtWrite, resolveUses, typesIn, type NamedUse } from "../shared/access/native.ts";
import { isNamedType, ruleFromApi, ruleToApi, type AccessRuleValue, type NameOf } from "../shared/access/values.ts";
import { policyResource } from "./expand.ts";
import { accessPolicyKindId, policyValue, type AccessPolicyValue } from "./normalise.ts";

export interface PolicyBody {
  name: string;
  decision: string;
  include: Record<string, unknown>[];
  require: Record<string, unknown>[];
  exclude: Record<string, unknown>[];
}

export type PolicyPayload = { call: "create"; body: PolicyBody } | { call: "update"; id: string; body: PolicyBody } | { call: "delete"; id: string; name: string };

export interface PolicyMeta {
  ids: Record<string, string>;
}

/** Names services' rules use that must exist before the apply: tokens, login methods, read_only groups. */
export function serviceUses(desired: DesiredState): NamedUse[] {
  const readOnly = new Set((desired.accessGroups ?? []).filter((group) => group.read_only).map((group) => group.group));
  const uses: NamedUse[] = [];
  for (const service of desired.services) {
    const block = service.access;
    if (!declaresApplication(block)) continue;
    for (const rule of [...block.allow, ...block.require, ...block.deny]) {
      if (!isNamedType(rule.type)) continue;
      for (const name of rule.values) if (rule.type !== "group" || readOnly.has(name)) uses.push({ type: rule.type, name, source: rule.source });
    }
  }
  return uses;
}

function rulesOf(rules: unknown, nameOf: NameOf): AccessRuleValue[] {
  return (Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []).map((rule) => ruleFromApi(rule, nameOf));
}

function bodyOf(value: AccessPolicyValue, ids: Record<string, string>): PolicyBody {
  const api = (rules: AccessRuleValue[] | undefined) => (rules ?? []).map((rule) => ruleToApi(rule, idsFrom(ids)));
  return { name: value.name, decision: value.decision, include: api(value.include), require: api(value.require), exclude: api(value.exclude) };
}

async function write(payload: PolicyPayload, ctx: WriteContext): Promise<unknown> {
  const account_id = await ctx.accountId();
  const policies = ctx.client.zeroTrust.access.policies;
  if (payload.call === "delete") return call(`delete the Access policy "${payload.name}"`, () => policies.delete(payload.id, { account_id }));
  const body = { ...payload.body, include: await resolveAtWrite(ctx, payload.body.include), require: await resolveAtWrite(ctx, payload.body.require), exclude: await resolveAtWrite(ctx, payload.body.exclude) };
  if (payload.call === "create") return call(`create the Access policy "${body.name}"`, () => policies.create({ account_id, ...body } as never));
  return call(`update the Access policy "${body.name}"`, () => policies.update(payload.id, { account_id, ...body } as never));
}

export const native: NativeAdapter<PolicyPayload> = {
  kind: accessPolicyKindId,
  resolve: (desired, ctx) => resolveUses(ctx, serviceUses(desired)),
  // one permission group covers applications and policies: doctor probes it once, with the applications' read
  probe: ({ accountId }, { client }) => call("list the Access applications", () => client.zeroTrust.access.applications.list({ account_id: accountId, per_page: 1 })),
  async readAccount(_scopes, ctx) {
    const live = await livePolicies(ctx);
    const rules = live.flatMap((policy) => [...(policy.include ?? []), ...(policy.require ?? []), ...(policy.exclude ?? [])]);
    const names = await directoryOf(ctx, typesIn(rules));
    const resources = live.map((policy) => ({
      ...policyResource(policyValue(policy.name, String(policy.decision ?? "allow"), rulesOf(policy.include, names.nameOf), rulesOf(policy.require, names.nameOf), rulesOf(policy.exclude, names.nameOf))),
      cloudId: policy.id,
    }));
    // group ids the live rules made us read anyway; a group new to the policies is looked up when written
    const groups = typesIn(rules).includes("group") ? await liveGroups(ctx) : [];
    const meta: Record<string, PolicyMeta> = { account: { ids: payloadIds(groups, ctx.resolved) } };
    return { resources, meta };
  },
  auditResource: ({ change, resource }) => {
    const id = change.cloudId ?? resource?.cloudId;
    return id ? { id, types: ["policy", "access_policy"] } : undefined;
  },
  payload({ change, want, have, meta }) {
    if (change.op === "delete") return { call: "delete", id: have!.cloudId!, name: String(have!.value.name) };
    const body = bodyOf(want!.value as AccessPolicyValue, (meta as PolicyMeta | undefined)?.ids ?? {});
    return have?.cloudId ? { call: "update", id: have.cloudId, body } : { call: "create", body };
  },
  writes(changes, ctx) {
    return changes.filter((change) => change.payload).map((change) => ({ changes: [change], run: () => write(change.payload!, ctx) }));
  },
};
