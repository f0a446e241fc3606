// The Pulumi engine's Access groups adapter: one ZeroTrustAccessGroup per group, named by its
// change id (access/groups/<name>), imported as accounts/<account_id>/<group_id> (the provider's
// import id). A group that names another group refers to that group's id (an Output), so it is
// declared after it; read_only groups are named by the ids resolved before the run.
import type { CustomResource, Input } from "@pulumi/pulumi";
import type { ZeroTrustAccessGroupArgs } from "@pulumi/cloudflare";
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import type { Resource } from "../../plan/resources.ts";
import { resolvedIds } from "../shared/access/ids.ts";
import { rulesFromPulumi, ruleToPulumi } from "../shared/access/pulumi.ts";
import type { AccessRuleValue, NamedType } from "../shared/access/values.ts";
import { groupResource } from "./expand.ts";
import { accessGroupKindId, groupId, groupValue, type AccessGroupValue } from "./normalise.ts";

export function groupLogicalName(name: string): string {
  return encodeLogicalName(groupId(name));
}

export type ProgramIdOf = (type: NamedType, name: string) => Input<string> | undefined;

/** A rule's id in the program: a group declared here by its Output, else what was resolved. */
export function programIds(declared: Map<string, CustomResource> | undefined, names: ReadonlyMap<string, string>): ProgramIdOf {
  const resolved = resolvedIds(names, true);
  return (type, name) => (type === "group" ? declared?.get(groupLogicalName(name))?.id : undefined) ?? resolved(type, name);
}

const named = (value: AccessGroupValue) => [...value.include, ...(value.exclude ?? []), ...(value.require ?? [])].flatMap((rule) => (typeof rule.group === "string" ? [rule.group] : []));

/** Groups after the groups they name. */
function ordered(resources: Resource[]): Resource[] {
  const byName = new Map(resources.map((resource) => [String(resource.value.name), resource]));
  const out: Resource[] = [];
  const visit = (resource: Resource, seen: Set<Resource>) => {
    if (out.includes(resource) || seen.has(resource)) return;
    seen.add(resource);
    for (const name of named(resource.value as AccessGroupValue)) if (byName.has(name)) visit(byName.get(name)!, seen);
    out.push(resource);
  };
  for (const resource of resources) visit(resource, new Set());
  return out;
}

export function groupArgs(value: AccessGroupValue, accountId: string, idOf: ProgramIdOf): ZeroTrustAccessGroupArgs {
  const rules = (list: AccessRuleValue[] | undefined) => (list ?? []).map((rule) => ruleToPulumi(rule, idOf));
  const args: ZeroTrustAccessGroupArgs = { accountId, name: value.name, includes: rules(value.include) };
  if (value.exclude) args.excludes = rules(value.exclude);
  if (value.require) args.requires = rules(value.require);
  return args;
}

export const pulumi: PulumiAdapter = {
  kind: accessGroupKindId,
  type: "cloudflare:index/zeroTrustAccessGroup:ZeroTrustAccessGroup",
  shape: "single",
  logicalName: (resource) => encodeLogicalName(resource.id),
  // a live group of the same name is adopted whatever its rules, then given git's
  adoptIgnoring: ["includes", "excludes", "requires"],
  declare(resources, ctx) {
    const idOf = programIds(ctx.declared, ctx.names);
    for (const resource of ordered(resources)) {
      const name = encodeLogicalName(resource.id);
      const group = new ctx.cloudflare.ZeroTrustAccessGroup(name, groupArgs(resource.value as AccessGroupValue, ctx.accountId, idOf), ctx.opts(name));
      ctx.declared?.set(name, group);
    }
    return {};
  },
  fromState(_name, state, ctx) {
    if (!state || typeof state.name !== "string") return [];
    const desired = ctx.desiredByKey.get(groupId(state.name))?.value as AccessGroupValue | undefined;
    return [groupResource(groupValue(state.name, rulesFromPulumi(state.includes, desired?.include ?? []), rulesFromPulumi(state.excludes, desired?.exclude ?? []), rulesFromPulumi(state.requires, desired?.require ?? [])))];
  },
  importId: (_name, live, ctx) => (live[0]?.cloudId ? `accounts/${ctx.accountId}/${live[0].cloudId}` : undefined),
};
