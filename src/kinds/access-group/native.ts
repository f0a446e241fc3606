// The native engine's Access groups adapter: the account's groups read once (with the names of the
// tokens and login methods their rules use, when they use any), one call per change (a group's
// update is one PUT of all its rules). Groups that a group names are written first.
import type { DesiredState } from "../../desired-state/types.ts";
import type { NativeAdapter, WriteContext } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import type { Resource } from "../../plan/resources.ts";
import type { Change } from "../../plan/types.ts";
import { directoryOf, idsFrom, liveGroups, payloadIds, resolveAtWrite, resolveUses, typesIn, type NamedUse } from "../shared/access/native.ts";
import { isNamedType, ruleFromApi, ruleToApi, type AccessRuleValue, type NameOf } from "../shared/access/values.ts";
import { groupResource } from "./expand.ts";
import { accessGroupKindId, groupValue, type AccessGroupValue } from "./normalise.ts";

export interface GroupBody {
  name: string;
  include: Record<string, unknown>[];
  exclude: Record<string, unknown>[];
  require: Record<string, unknown>[];
}

export type GroupPayload = { call: "create"; body: GroupBody } | { call: "update"; id: string; body: GroupBody } | { call: "delete"; id: string; name: string };

/** What the read keeps for payloads: the ids of every name the rules may use. */
export interface GroupMeta {
  ids: Record<string, string>;
}

/** The names a group file's rules use that must already exist (and read_only groups themselves). */
export function groupUses(desired: DesiredState): NamedUse[] {
  const uses: NamedUse[] = [];
  for (const group of desired.accessGroups ?? []) {
    if (group.read_only) {
      uses.push({ type: "group", name: group.group, source: group.source });
      continue;
    }
    for (const rule of [...group.include, ...group.exclude, ...group.require]) {
      if (rule.type !== "group" && isNamedType(rule.type)) for (const name of rule.values) uses.push({ type: rule.type, name, source: rule.source });
    }
  }
  return uses;
}

export function liveRules(rules: unknown, nameOf: NameOf): AccessRuleValue[] {
  return (Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []).map((rule) => ruleFromApi(rule, nameOf));
}

function bodyOf(value: AccessGroupValue, ids: Record<string, string>): GroupBody {
  const api = (rules: AccessRuleValue[] | undefined) => (rules ?? []).map((rule) => ruleToApi(rule, idsFrom(ids)));
  return { name: value.name, include: api(value.include), exclude: api(value.exclude), require: api(value.require) };
}

/** Creates and updates after the groups they name that this run writes too. */
function inDependencyOrder(changes: Change<GroupPayload>[]): Change<GroupPayload>[] {
  const written = new Map(changes.flatMap((change) => (change.payload && change.payload.call !== "delete" ? [[change.payload.body.name, change] as const] : [])));
  const depth = (change: Change<GroupPayload>, seen = new Set<Change>()): number => {
    const payload = change.payload;
    if (!payload || payload.call === "delete" || seen.has(change)) return 0;
    seen.add(change);
    const named = [...payload.body.include, ...payload.body.exclude, ...payload.body.require].flatMap((rule) => (rule.group ? [String((rule.group as { name?: unknown }).name ?? "")] : []));
    return Math.max(0, ...named.map((name) => (written.has(name) ? 1 + depth(written.get(name)!, seen) : 0)));
  };
  return [...changes].sort((a, b) => depth(a) - depth(b));
}

async function write(payload: GroupPayload, ctx: WriteContext): Promise<unknown> {
  const account_id = await ctx.accountId();
  const groups = ctx.client.zeroTrust.access.groups;
  if (payload.call === "delete") return call(`delete the Access group "${payload.name}"`, () => groups.delete(payload.id, { account_id }));
  const body = { ...payload.body, include: await resolveAtWrite(ctx, payload.body.include), exclude: await resolveAtWrite(ctx, payload.body.exclude), require: await resolveAtWrite(ctx, payload.body.require) };
  if (payload.call === "create") return call(`create the Access group "${body.name}"`, () => groups.create({ account_id, ...body } as never));
  return call(`update the Access group "${body.name}"`, () => groups.update(payload.id, { account_id, ...body } as never));
}

export const native: NativeAdapter<GroupPayload> = {
  kind: accessGroupKindId,
  resolve: (desired, ctx) => resolveUses(ctx, groupUses(desired)),
  probe: ({ accountId }, { client }) => call("list the Access groups", () => client.zeroTrust.access.groups.list({ account_id: accountId, per_page: 1 })),
  async readAccount(_scopes, ctx) {
    const live = await liveGroups(ctx);
    const rules = live.flatMap((group) => [...(group.include ?? []), ...(group.exclude ?? []), ...(group.require ?? [])]);
    const names = await directoryOf(ctx, ["group", ...typesIn(rules)]);
    const resources: Resource[] = live.map((group) => {
      const value = groupValue(group.name, liveRules(group.include, names.nameOf), liveRules(group.exclude, names.nameOf), liveRules(group.require, names.nameOf));
      return { ...groupResource(value), cloudId: group.id };
    });
    const meta: Record<string, GroupMeta> = { account: { ids: payloadIds(live, ctx.resolved) } };
    return { resources, meta };
  },
  auditResource: ({ change, resource }) => {
    const id = change.cloudId ?? resource?.cloudId;
    return id ? { id, types: ["group", "access_group"] } : undefined;
  },
  payload({ change, want, have, meta }) {
    if (change.op === "delete") return { call: "delete", id: have!.cloudId!, name: String(have!.value.name) };
    const ids = (meta as GroupMeta | undefined)?.ids ?? {};
    const body = bodyOf(want!.value as AccessGroupValue, ids);
    return have?.cloudId ? { call: "update", id: have.cloudId, body } : { call: "create", body };
  },
  writes(changes, ctx) {
    return inDependencyOrder(changes.filter((change) => change.payload)).map((change) => ({ changes: [change], run: () => write(change.payload!, ctx) }));
  },
};
