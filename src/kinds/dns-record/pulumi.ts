// The Pulumi engine's DNS adapter: one DnsRecord per record, named by its identity (name and type,
// with the content only where several records share them), and a DnsRecord's state read back in
// the API's shape, so plans reuse the shared normaliser and diff.
import type { DnsRecordArgs, types } from "@pulumi/cloudflare";
import type { CustomResource } from "@pulumi/pulumi";
import type { PulumiAdapter, StateResource } from "../../engines/pulumi/adapter.ts";
import { decodeLogicalName, encodeLogicalName } from "../../engines/pulumi/names.ts";
import { pairByVariant, stableJson } from "../../plan/diff.ts";
import type { Resource } from "../../plan/resources.ts";
import { dnsResource } from "./expand.ts";
import { dnsValueFromLive, type DnsRecordValue } from "./normalise.ts";
import { dnsRecordKindId } from "./normalise.ts";
import type { DnsRecordData } from "./spec.ts";
import { quoteTxt } from "./txt.ts";

type ProviderData = types.input.DnsRecordData;
type NumberKey = "algorithm" | "altitude" | "digestType" | "keyTag" | "latDegrees" | "latMinutes" | "latSeconds"
  | "longDegrees" | "longMinutes" | "longSeconds" | "matchingType" | "order" | "port" | "precisionHorz" | "precisionVert"
  | "preference" | "priority" | "protocol" | "selector" | "size" | "type" | "usage" | "weight";
type StringKey = "certificate" | "digest" | "fingerprint" | "latDirection" | "longDirection" | "publicKey" | "regex"
  | "replacement" | "service" | "tag" | "target" | "value";

const numberKeys = new Set<string>(["algorithm", "altitude", "digestType", "keyTag", "latDegrees", "latMinutes", "latSeconds",
  "longDegrees", "longMinutes", "longSeconds", "matchingType", "order", "port", "precisionHorz", "precisionVert",
  "preference", "priority", "protocol", "selector", "size", "type", "usage", "weight"]);
const stringKeys = new Set<string>(["certificate", "digest", "fingerprint", "latDirection", "longDirection", "publicKey",
  "regex", "replacement", "service", "tag", "target", "value"]);

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Cloudflare's field names (snake_case) -> the provider's (camelCase), typed field by field. */
export function providerData(data: DnsRecordData): ProviderData {
  const out: ProviderData = {};
  for (const [key, value] of Object.entries(data)) {
    const name = camel(key);
    if (name === "flags") out.flags = value;
    else if (numberKeys.has(name)) out[name as NumberKey] = Number(value);
    else if (stringKeys.has(name)) out[name as StringKey] = String(value);
  }
  return out;
}

/** The provider's inputs for a normalised record (desired, or a tunnel service's CNAME). */
export function dnsRecordArgs(zoneId: string, value: DnsRecordValue): DnsRecordArgs {
  const args: DnsRecordArgs = {
    zoneId,
    name: value.name,
    type: value.type,
    ttl: value.proxied ? 1 : value.ttl, // Cloudflare forces automatic TTL on proxied records
    proxied: value.proxied,
    tags: [...value.tags].sort(),
  };
  // content is the normalised form (compressed IPv6, host names without the trailing dot), which is
  // what the API returns: anything else is "inconsistent result after apply" or a diff after refresh
  if (value.data) args.data = providerData(value.data);
  else if (value.content !== undefined) args.content = value.type === "TXT" ? quoteTxt(value.content) : value.content;
  if (value.priority !== undefined) args.priority = value.priority;
  // the API also returns SRV's (and URI's) priority at the top level; unset, it diffs on every refresh (TF #6684)
  else if ((value.type === "SRV" || value.type === "URI") && typeof value.data?.priority === "number") args.priority = value.data.priority;
  if (value.comment !== undefined) args.comment = value.comment;
  return args;
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined));
}

/**
 * Where the stack's state already holds the record with the same meaning, its spelling is sent
 * back as it is (an unquoted TXT adopted from the dashboard, an upper-case CNAME target, a data
 * field the API spells its own way), so equal records never show an update. `outputs` is the
 * provider's last read of the record.
 */
export function keepStateSpelling(args: DnsRecordArgs, value: DnsRecordValue, outputs: Record<string, unknown> | undefined): DnsRecordArgs {
  if (!outputs) return args;
  const held = dnsValueFromLive(dnsRecordStateToApi(outputs));
  if (held.type !== value.type) return args;
  const out = { ...args };
  if (value.content !== undefined && held.content === value.content && typeof outputs.content === "string") out.content = outputs.content;
  if (value.data && isRecord(outputs.data) && stableJson(held.data) === stableJson(value.data)) out.data = withoutNulls(outputs.data) as ProviderData;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A DnsRecord's Pulumi state (inputs or outputs, camelCase) -> the API's shape, for dnsValueFromLive. */
export function dnsRecordStateToApi(state: Record<string, unknown>): Record<string, unknown> {
  const api: Record<string, unknown> = { ...state };
  if (isRecord(state.data)) {
    api.data = Object.fromEntries(
      Object.entries(state.data)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => [snake(key), value]),
    );
  }
  return api;
}

const isDs = (resource: Resource) => (resource.value as unknown as DnsRecordValue).type === "DS";

const zoneOfName = (name: string) => decodeLogicalName(name).split("/")[0] ?? "";

/** A DnsRecord in the stack's state, read back as a resource named by its logical name. */
function stateRecord(state: StateResource): { name: string; resource: Resource } {
  const resource = dnsResource(zoneOfName(state.name), dnsValueFromLive(dnsRecordStateToApi(state.outputs)));
  return { name: state.name, resource: { ...resource, id: decodeLogicalName(state.name) } };
}

/**
 * Earlier logical names of desired records: where a name and type gains or loses a twin (its id
 * gains or loses the content) or a twin's content changes, the desired record takes over the state
 * record the native diff pairs it with (content first, then in order), so Pulumi updates it in
 * place as the native engine does, instead of deleting one record and creating another.
 */
export function dnsAliases(desired: readonly Resource[], state: readonly StateResource[]): Map<string, string> {
  const wanted = new Set(desired.map((resource) => encodeLogicalName(resource.id)));
  const held = state.map(stateRecord).filter((entry) => !wanted.has(entry.name));
  const aliases = new Map<string, string>();
  const keys = new Set(desired.map((resource) => resource.key));
  for (const key of keys) {
    const haves = held.filter((entry) => entry.resource.key === key);
    if (haves.length === 0) continue;
    const wants = desired.filter((resource) => resource.key === key && !state.some((s) => s.name === encodeLogicalName(resource.id)));
    for (const [want, have] of pairByVariant(wants, haves.map((entry) => entry.resource)).pairs) {
      aliases.set(encodeLogicalName(want.id), haves.find((entry) => entry.resource === have)!.name);
    }
  }
  return aliases;
}

/** Where a record lives, whatever its type: zone and name. */
function placeOf(resource: Resource): string {
  return `${resource.zone}\n${String(resource.value.name).toLowerCase()}`;
}

export interface TypeChanges {
  /** New logical name -> the one state record it takes over (declared with deleteBeforeReplace). */
  aliases: Map<string, string>;
  /** State records deleted in a targeted update first, where the change is not one for one. */
  clearFirst: string[];
}

/**
 * A name whose records change between CNAME and other types (an A that becomes a CNAME, a hostname
 * moving from an A record to a tunnel service, and back). Cloudflare refuses a CNAME beside any
 * other record at its name (81053), and Pulumi creates new resources before it deletes old ones,
 * so the new records could never be created. One record for one: the new one takes over the old
 * one's state (an alias) with deleteBeforeReplace, so it is updated in place or, should the
 * provider replace it, the old one goes first. Several on either side: the old ones are deleted
 * by a targeted update before the main one. Only in zones whose records the desired state owns.
 */
export function dnsTypeChanges(desired: readonly Resource[], state: readonly StateResource[], claimed: ReadonlySet<string>, twins: ReadonlyMap<string, string> = dnsAliases(desired, state)): TypeChanges {
  const held = new Set(state.map((entry) => entry.name));
  const taken = new Set(twins.values());
  const wanted = new Set(desired.map((resource) => encodeLogicalName(resource.id)));
  const fresh = desired.filter((resource) => !held.has(encodeLogicalName(resource.id)) && !twins.has(encodeLogicalName(resource.id)));
  const leaving = state.map(stateRecord).filter((entry) => !wanted.has(entry.name) && !taken.has(entry.name));
  const out: TypeChanges = { aliases: new Map(), clearFirst: [] };
  for (const place of new Set(fresh.map(placeOf))) {
    const news = fresh.filter((resource) => placeOf(resource) === place);
    const olds = leaving.filter((entry) => placeOf(entry.resource) === place && claimed.has(entry.resource.zone ?? ""));
    const types = [...news.map((resource) => resource.value.type), ...olds.map((entry) => entry.resource.value.type)];
    if (olds.length === 0 || !types.includes("CNAME")) continue;
    if (news.length === 1 && olds.length === 1) out.aliases.set(encodeLogicalName(news[0]!.id), olds[0]!.name);
    else out.clearFirst.push(...olds.map((entry) => entry.name));
  }
  return out;
}

export const pulumi: PulumiAdapter = {
  kind: dnsRecordKindId,
  type: "cloudflare:index/dnsRecord:DnsRecord",
  shape: "single",
  // the record's id: its name and type alone, with the content only where it has twins
  logicalName: (resource) => encodeLogicalName(resource.id),
  // adoption imports whatever the live record holds (its own spelling too) and updates it after
  adoptIgnoring: ["name", "content", "data", "priority", "proxied", "ttl", "comment", "tags", "settings"],
  declare(resources, ctx) {
    const aliases = dnsAliases(resources, ctx.state);
    const typeChanges = dnsTypeChanges(resources, ctx.state, ctx.claimed, aliases);
    for (const [name, old] of typeChanges.aliases) aliases.set(name, old);
    const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs]));
    // A DS goes after the NS records of its delegation (and is deleted before them), as in the native order.
    const nsAt = new Map<string, CustomResource[]>();
    const ordered = [...resources].sort((a, b) => Number(isDs(a)) - Number(isDs(b)));
    for (const resource of ordered) {
      const name = encodeLogicalName(resource.id);
      const alias = aliases.get(name);
      const value = resource.value as unknown as DnsRecordValue;
      const args = keepStateSpelling(dnsRecordArgs(ctx.zoneId(resource.zone!), value), value, held.get(name) ?? (alias ? held.get(alias) : undefined));
      const at = `${resource.zone}/${value.name}`;
      const delegation = isDs(resource) ? nsAt.get(at) : undefined;
      const options = { ...ctx.opts(name, alias ? [alias] : []), ...(delegation && { dependsOn: delegation }), ...(typeChanges.aliases.has(name) && { deleteBeforeReplace: true }) };
      const record = new ctx.cloudflare.DnsRecord(name, args, options);
      if (value.type === "NS") nsAt.set(at, [...(nsAt.get(at) ?? []), record]);
    }
    return {};
  },
  fromState(name, state): Resource[] {
    // named by the logical name: a step on one resource is one record, updated in place
    return state ? [{ ...dnsResource(zoneOfName(name), dnsValueFromLive(dnsRecordStateToApi(state))), id: decodeLogicalName(name) }] : [];
  },
  importId: (name, live, ctx) => (live[0]?.cloudId ? `${ctx.zoneId(zoneOfName(name))}/${live[0].cloudId}` : undefined),
  clearFirst: (resources, state, claimed) => dnsTypeChanges(resources, state, claimed).clearFirst,
};
