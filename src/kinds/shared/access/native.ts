// The native engine's lookups of Access objects that rules name (groups, service tokens, login
// methods): each list read once per run (a run's contexts share their accountId function), only
// when a rule needs it, and read again at write time for objects the same apply just created.
// Service tokens are read by name only: their secrets are never requested or kept.
import type { NativeContext } from "../../../engines/native/adapter.ts";
import { call } from "../../../engines/native/call.ts";
import { ConfigError } from "../../../shared/errors.ts";
import { nameKey as key } from "./ids.ts";
import type { IdOf, NamedType, NameOf } from "./values.ts";

export { idsFrom, nameKey, payloadIds, resolvedIds } from "./ids.ts";

export interface Named {
  id: string;
  name: string;
}

/** Live groups with their rules as the API returns them. */
export interface LiveGroup extends Named {
  include?: Record<string, unknown>[] | null;
  exclude?: Record<string, unknown>[] | null;
  require?: Record<string, unknown>[] | null;
}

type Lists = Partial<Record<NamedType, Promise<Named[]>>>;

const runs = new WeakMap<object, Lists>();

/** Objects read a page at a time; a page that is not full is the last (no request for an empty page). */
export const pageSize = 100;

interface Page<T> {
  result: T[];
  hasNextPage(): boolean;
  getNextPage(): Promise<Page<T>>;
}

/** Every page of a list, one call each, stopping at the first page that is not full. */
export async function everyPage<T>(what: string, first: () => PromiseLike<Page<T>>): Promise<T[]> {
  let page = await call(what, async () => first());
  const items = [...page.result];
  while (page.result.length >= pageSize && page.hasNextPage()) {
    const current = page;
    page = await call(what, () => current.getNextPage());
    items.push(...page.result);
  }
  return items;
}

const what: Record<NamedType, string> = { group: "list the Access groups", service_token: "list the Access service tokens", login_method: "list the login methods (identity providers)" };

async function read(ctx: NativeContext, type: NamedType): Promise<Named[]> {
  const account_id = await ctx.accountId();
  const access = ctx.client.zeroTrust.access;
  const query = { account_id, per_page: pageSize };
  const listed: unknown[] =
    type === "group"
      ? await everyPage(what[type], () => access.groups.list(query))
      : type === "service_token"
        ? await everyPage(what[type], () => access.serviceTokens.list(query))
        : await everyPage(what[type], () => ctx.client.zeroTrust.identityProviders.list(query));
  // a token's list entry has no secret (Cloudflare shows it once, at creation); nothing else is kept
  return (listed as unknown as Record<string, unknown>[]).map((item) => (type === "group" ? ({ ...item, id: String(item.id), name: String(item.name) } as LiveGroup) : { id: String(item.id), name: String(item.name) }));
}

/** One list, read once per run; `fresh` reads it again (after this apply created objects). */
export function lookup(ctx: NativeContext, type: NamedType, fresh = false): Promise<Named[]> {
  const lists = runs.get(ctx.accountId) ?? {};
  runs.set(ctx.accountId, lists);
  if (fresh || !lists[type]) lists[type] = read(ctx, type);
  return lists[type]!;
}

export async function liveGroups(ctx: NativeContext): Promise<LiveGroup[]> {
  return (await lookup(ctx, "group")) as LiveGroup[];
}

/** Name <-> id of the lists the rules need (the types they use). */
export interface Directory {
  idOf: IdOf;
  nameOf: NameOf;
  /** name -> id per type, for payloads. */
  ids: Record<string, string>;
}


export async function directoryOf(ctx: NativeContext, types: Iterable<NamedType>, fresh = false): Promise<Directory> {
  const ids: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const type of new Set(types)) {
    for (const item of await lookup(ctx, type, fresh)) {
      ids[key(type, item.name)] ??= item.id;
      names.set(key(type, item.id), item.name);
    }
  }
  return { ids, idOf: (type, name) => ids[key(type, name)], nameOf: (type, id) => names.get(key(type, id)) };
}


/** The named types a rule list uses. */
export function typesIn(rules: readonly Record<string, unknown>[]): NamedType[] {
  return (["group", "service_token", "login_method"] as const).filter((type) => rules.some((rule) => type in rule));
}

/** Replaces the names a write still carries (objects this apply created) with their ids, reading again; unknown ones fail. */
export async function resolveAtWrite(ctx: NativeContext, rules: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const pending = typesIn(rules).filter((type) => rules.some((rule) => typeof (rule[type] as { name?: unknown } | undefined)?.name === "string"));
  if (pending.length === 0) return rules;
  const found = await directoryOf(ctx, pending, true);
  return rules.map((rule) => {
    const type = pending.find((candidate) => candidate in rule);
    const name = type ? (rule[type] as { name?: unknown }).name : undefined;
    if (!type || typeof name !== "string") return rule;
    const id = found.idOf(type, name);
    if (id === undefined) throw new ConfigError(`the Access ${type.replace("_", " ")} "${name}" does not exist in the account`, { hint: "it may have been deleted since the plan; plan again" });
    return { [type]: { [type === "service_token" ? "token_id" : "id"]: id } };
  });
}

/** A name a rule uses, where it is written. */
export interface NamedUse {
  type: NamedType;
  name: string;
  source: { file: string; line: number; column: number };
}

const nouns: Record<NamedType, string> = { group: "Access group", service_token: "service token", login_method: "login method" };
const hints: Record<NamedType, string> = {
  group: "create it in Zero Trust › Access › Access groups, or drop read_only: true to let cf-gitops create it",
  service_token: "create it in Zero Trust › Access › Service auth (its secret is shown once there, never to cf-gitops); a token without Account › Access: Service Tokens › Read sees an empty list",
  login_method: "its name as Zero Trust › Settings › Authentication shows it (e.g. GitHub, One-time PIN)",
};

/** Names that must already exist in the account -> "type:name" -> id; one that does not is a ConfigError at its line. */
export async function resolveUses(ctx: NativeContext, uses: readonly NamedUse[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  if (uses.length === 0) return resolved;
  const found = await directoryOf(ctx, uses.map((use) => use.type));
  for (const use of uses) {
    const id = found.idOf(use.type, use.name);
    if (id !== undefined) {
      resolved.set(`${use.type}:${use.name}`, id);
      continue;
    }
    const known = (await lookup(ctx, use.type)).map((item) => item.name).sort();
    throw new ConfigError(`${use.source.file}:${use.source.line}:${use.source.column}: the ${nouns[use.type]} "${use.name}" does not exist in the account`, {
      file: use.source.file,
      hint: `${known.length ? `known: ${known.join(", ")}; ` : ""}${hints[use.type]}`,
    });
  }
  return resolved;
}



/** A reusable policy as the API lists it. */
export interface LivePolicy extends Named {
  decision?: string;
  include?: Record<string, unknown>[] | null;
  require?: Record<string, unknown>[] | null;
  exclude?: Record<string, unknown>[] | null;
}

const policyRuns = new WeakMap<object, Promise<LivePolicy[]>>();

/** The account's reusable policies, read once per run (the policies' read and the applications' ids share it). */
export function livePolicies(ctx: NativeContext, fresh = false): Promise<LivePolicy[]> {
  let listed = fresh ? undefined : policyRuns.get(ctx.accountId);
  if (!listed) {
    listed = (async () => {
      const account_id = await ctx.accountId();
      const policies = await everyPage("list the Access policies", () => ctx.client.zeroTrust.access.policies.list({ account_id, per_page: pageSize }));
      return (policies as unknown as Record<string, unknown>[]).map((policy) => ({ ...policy, id: String(policy.id), name: String(policy.name) }) as LivePolicy);
    })();
    policyRuns.set(ctx.accountId, listed);
  }
  return listed;
}
