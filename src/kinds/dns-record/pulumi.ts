// Pulumi mapping of a DNS record: DnsRecordSpec -> @pulumi/cloudflare DnsRecordArgs, and a
// DnsRecord's Pulumi state back to the API's shape, so plans reuse the shared normaliser.
import type { DnsRecordArgs, types } from "@pulumi/cloudflare";
import type { DnsRecordData, DnsRecordSpec } from "../../desired-state/types.ts";
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

function content(spec: Pick<DnsRecordSpec, "type" | "content">): string | undefined {
  if (spec.content === undefined) return undefined;
  return spec.type === "TXT" ? quoteTxt(spec.content) : spec.content;
}

export function dnsRecordArgs(zoneId: string, spec: DnsRecordSpec): DnsRecordArgs {
  const proxiable = spec.type === "A" || spec.type === "AAAA" || spec.type === "CNAME";
  const args: DnsRecordArgs = {
    zoneId,
    name: spec.fqdn,
    type: spec.type,
    ttl: spec.proxied ? 1 : spec.ttl, // Cloudflare forces automatic TTL on proxied records
    proxied: proxiable ? spec.proxied : false,
    tags: [...spec.tags].sort(),
  };
  if (spec.data) args.data = providerData(spec.data);
  else args.content = content(spec);
  if (spec.priority !== undefined) args.priority = spec.priority;
  if (spec.comment !== undefined) args.comment = spec.comment;
  return args;
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
