// The native engine's Access applications adapter: the account's self_hosted applications read
// once (each with its policies inline, as the API lists them), one call per change. A write sends
// the policies by id (its own policy, created earlier in the same apply, is looked up then) and
// keeps every setting of the live application cf-gitops does not manage (an update is a PUT).
import type { NativeAdapter, WriteContext } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import type { Resource } from "../../plan/resources.ts";
import { directoryOf, everyPage, livePolicies, pageSize, typesIn } from "../shared/access/native.ts";
import { ConfigError } from "../../shared/errors.ts";
import { ruleFromApi, type AccessRuleValue, type NameOf } from "../shared/access/values.ts";
import { applicationResource } from "./expand.ts";
import { accessApplicationKindId, applicationValue, type AccessApplicationValue } from "./normalise.ts";

/** The fields cf-gitops writes; the rest of a live application is sent back as it is. */
const managed = ["name", "domain", "type", "session_duration", "policies"];
const readOnlyFields = ["id", "uid", "aud", "created_at", "updated_at"];

export interface ApplicationBody extends Record<string, unknown> {
  name: string;
  domain: string;
  type: string;
  session_duration: string;
}

export type ApplicationPayload =
  | { call: "create"; body: ApplicationBody; policies: string[]; policyIds: Record<string, string> }
  | { call: "update"; id: string; body: ApplicationBody; policies: string[]; policyIds: Record<string, string> }
  | { call: "delete"; id: string; domain: string };

/** A policy inline in the application, with its rules (what `import` writes into the access: block). */
export interface InlinePolicy {
  name: string;
  decision: string;
  include: AccessRuleValue[];
  require: AccessRuleValue[];
  exclude: AccessRuleValue[];
}

export interface ApplicationRaw {
  /** Settings cf-gitops does not manage, kept on updates. */
  rest: Record<string, unknown>;
  policies: InlinePolicy[];
}

export interface ApplicationMeta {
  /** Reusable policies by name -> id. */
  policyIds: Record<string, string>;
}

function rulesOf(rules: unknown, nameOf: NameOf): AccessRuleValue[] {
  return (Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []).map((rule) => ruleFromApi(rule, nameOf));
}

function byPrecedence(policies: unknown): Record<string, unknown>[] {
  return (Array.isArray(policies) ? (policies as Record<string, unknown>[]) : []).slice().sort((a, b) => Number(a.precedence ?? 0) - Number(b.precedence ?? 0));
}

/** A live application (as the API lists it) -> its resource, with what writes and import need. */
export function applicationToResource(app: Record<string, unknown>, nameOf: NameOf): Resource {
  const policies = byPrecedence(app.policies);
  const value = applicationValue(String(app.name ?? ""), String(app.domain ?? ""), String(app.type ?? ""), typeof app.session_duration === "string" ? app.session_duration : undefined, policies.map((policy) => String(policy.name ?? policy.id ?? "")));
  const rest = Object.fromEntries(Object.entries(app).filter(([key]) => !managed.includes(key) && !readOnlyFields.includes(key)));
  const raw: ApplicationRaw = {
    rest,
    policies: policies.map((policy) => ({ name: String(policy.name ?? ""), decision: String(policy.decision ?? "allow"), include: rulesOf(policy.include, nameOf), require: rulesOf(policy.require, nameOf), exclude: rulesOf(policy.exclude, nameOf) })),
  };
  return { ...applicationResource(value), cloudId: String(app.id), raw };
}

async function policyLinks(ctx: WriteContext, names: string[], known: Record<string, string>): Promise<{ id: string; precedence: number }[]> {
  const ids = { ...known };
  if (names.some((name) => ids[name] === undefined)) for (const policy of await livePolicies(ctx, true)) ids[policy.name] ??= policy.id;
  return names.map((name, index) => {
    const id = ids[name];
    if (id === undefined) throw new ConfigError(`the Access policy "${name}" does not exist in the account`, { hint: "it is created earlier in the same apply; if that failed, fix it and apply again" });
    return { id, precedence: index + 1 };
  });
}

async function write(payload: ApplicationPayload, ctx: WriteContext): Promise<unknown> {
  const account_id = await ctx.accountId();
  const apps = ctx.client.zeroTrust.access.applications;
  if (payload.call === "delete") return call(`delete the Access application of ${payload.domain}`, () => apps.delete(payload.id, { account_id }));
  const body = { ...payload.body, policies: await policyLinks(ctx, payload.policies, payload.policyIds) };
  if (payload.call === "create") return call(`create the Access application of ${body.domain}`, () => apps.create({ account_id, ...body } as never));
  return call(`update the Access application of ${body.domain}`, () => apps.update(payload.id, { account_id, ...body } as never));
}

export const native: NativeAdapter<ApplicationPayload> = {
  kind: accessApplicationKindId,
  probe: ({ accountId }, { client }) => call("list the Access applications", () => client.zeroTrust.access.applications.list({ account_id: accountId, per_page: 1 })),
  async readAccount(_scopes, ctx) {
    const account_id = await ctx.accountId();
    const listed = (await everyPage("list the Access applications", () => ctx.client.zeroTrust.access.applications.list({ account_id, per_page: pageSize }))) as unknown as Record<string, unknown>[];
    // only self-hosted applications are services' (SaaS, WARP, App Launcher ... are someone else's)
    const apps = listed.filter((app) => app.type === "self_hosted");
    const inline = apps.flatMap((app) => byPrecedence(app.policies)).flatMap((policy) => [...((policy.include as Record<string, unknown>[] | undefined) ?? []), ...((policy.require as Record<string, unknown>[] | undefined) ?? []), ...((policy.exclude as Record<string, unknown>[] | undefined) ?? [])]);
    const names = await directoryOf(ctx, typesIn(inline));
    const resources = apps.map((app) => applicationToResource(app, names.nameOf));
    const policyIds: Record<string, string> = {};
    for (const policy of await livePolicies(ctx)) policyIds[policy.name] ??= policy.id;
    const meta: Record<string, ApplicationMeta> = { account: { policyIds } };
    return { resources, meta };
  },
  auditResource: ({ change, resource }) => {
    const id = change.cloudId ?? resource?.cloudId;
    return id ? { id, types: ["application", "access_application"] } : undefined;
  },
  payload({ change, want, have, meta }) {
    if (change.op === "delete") return { call: "delete", id: have!.cloudId!, domain: String(have!.value.domain) };
    const value = want!.value as AccessApplicationValue;
    const rest = (have?.raw as ApplicationRaw | undefined)?.rest ?? {};
    const body: ApplicationBody = { ...rest, name: value.name, domain: value.domain, type: value.type, session_duration: value.session_duration };
    const policyIds = Object.fromEntries(value.policies.flatMap((name) => {
      const id = (meta as ApplicationMeta | undefined)?.policyIds[name];
      return id === undefined ? [] : [[name, id]];
    }));
    return have?.cloudId ? { call: "update", id: have.cloudId, body, policies: value.policies, policyIds } : { call: "create", body, policies: value.policies, policyIds };
  },
  writes(changes, ctx) {
    return changes.filter((change) => change.payload).map((change) => ({ changes: [change], run: () => write(change.payload!, ctx) }));
  },
};
