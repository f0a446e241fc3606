// Desired spec and live API record -> one normalised value, so that equal records compare equal
// whatever spelling Cloudflare or the YAML used (FQDN vs relative, case, TXT quoting, IPv6 form...).
import type { DnsRecordData, DnsRecordSpec, DnsRecordType } from "./spec.ts";
import { unicodeHost } from "../shared/names.ts";
import { canonicalHost, canonicalIpv6, canonicalTarget, dataFieldOrder } from "./identity.ts";
import { unquoteTxt } from "./txt.ts";

export const dnsRecordKindId = "dns-record" as const;

export interface DnsRecordValue {
  name: string; // lower-case FQDN
  type: DnsRecordType;
  content?: string; // TXT: plain text; AAAA: RFC 5952; host types: lower case, no trailing dot
  data?: DnsRecordData; // structured types: keys sorted, numeric fields as numbers
  priority?: number; // MX and URI
  proxied: boolean;
  ttl: number; // 1 = automatic; always 1 when proxied
  comment?: string;
  tags: string[];
  /** Display only: the Unicode spelling of a Punycode name or host content, so plans show both. */
  name_unicode?: string;
  content_unicode?: string;
}

/** Fields of a DnsRecordValue that are derived for display and never sent to Cloudflare. */
export const displayOnlyFields: ReadonlySet<string> = new Set(["name_unicode", "content_unicode"]);

const proxiable = new Set<string>(["A", "AAAA", "CNAME"]);
const hostContent = new Set<string>(["CNAME", "NS", "PTR", "MX"]);
const withPriority = new Set<string>(["MX", "URI"]);
const numericFields = new Set([
  "priority", "weight", "port", "flags", "key_tag", "algorithm", "digest_type", "usage", "selector",
  "matching_type", "order", "preference", "protocol", "lat_degrees", "lat_minutes", "lat_seconds",
  "long_degrees", "long_minutes", "long_seconds", "altitude", "size", "precision_horz", "precision_vert",
]);
const hostFields = new Set(["target", "replacement"]);
const hexFields = new Set(["digest", "fingerprint"]);

export function isStructuredType(type: DnsRecordType): boolean {
  return dataFieldOrder[type] !== undefined;
}

function normaliseDataValue(type: DnsRecordType, field: string, value: unknown): string | number {
  const numeric = numericFields.has(field) || (field === "type" && (type === "SSHFP" || type === "CERT"));
  if (numeric && (typeof value === "number" || /^-?\d+(\.\d+)?$/.test(String(value)))) return Number(value);
  const text = String(value);
  if (hostFields.has(field)) return canonicalTarget(text) || ".";
  if (hexFields.has(field) || (field === "certificate" && (type === "TLSA" || type === "SMIMEA"))) return text.toLowerCase();
  return text;
}

/**
 * Keys sorted, numbers as numbers, hosts canonical. For known types only the type's own fields are
 * kept (older API versions add service/proto/name to SRV data); unknown types keep every key.
 */
export function normaliseData(type: DnsRecordType, data: Record<string, unknown>): DnsRecordData {
  const out: DnsRecordData = {};
  const fields = dataFieldOrder[type];
  for (const key of Object.keys(data).sort()) {
    if (fields && !fields.includes(key)) continue;
    const value = data[key];
    if (value === undefined || value === null || value === "") continue;
    out[key] = normaliseDataValue(type, key, value);
  }
  return out;
}

export function normaliseContent(type: DnsRecordType, content: string): string {
  if (type === "AAAA") return canonicalIpv6(content.trim());
  if (type === "TXT") return content;
  if (hostContent.has(type)) return canonicalTarget(content);
  return content.trim();
}

interface RawRecord {
  name: string;
  type: DnsRecordType;
  content?: string | undefined;
  data?: Record<string, unknown> | undefined;
  priority?: number | undefined;
  proxied?: boolean | undefined;
  ttl?: number | undefined;
  comment?: string | null | undefined;
  tags?: string[] | undefined;
}

function build(raw: RawRecord): DnsRecordValue {
  const proxied = proxiable.has(raw.type) && raw.proxied === true;
  const value: DnsRecordValue = {
    name: canonicalHost(raw.name),
    type: raw.type,
    proxied,
    ttl: proxied || raw.ttl === undefined ? 1 : raw.ttl,
    tags: [...(raw.tags ?? [])].sort(),
  };
  if (isStructuredType(raw.type) && raw.data && Object.keys(raw.data).length > 0) value.data = normaliseData(raw.type, raw.data);
  else if (raw.content !== undefined) value.content = normaliseContent(raw.type, raw.content);
  if (withPriority.has(raw.type) && raw.priority !== undefined) value.priority = raw.priority;
  if (raw.comment) value.comment = raw.comment;
  const unicodeName = unicodeHost(value.name);
  if (unicodeName) value.name_unicode = unicodeName;
  const unicodeContent = hostContent.has(raw.type) && value.content ? unicodeHost(value.content) : undefined;
  if (unicodeContent) value.content_unicode = unicodeContent;
  return value;
}

/** From the desired-state spec (already carrying its FQDN). */
export function dnsValueFromSpec(spec: DnsRecordSpec): DnsRecordValue {
  return build({ ...spec, name: spec.fqdn });
}

/** From a record as Cloudflare's API returns it. */
export function dnsValueFromLive(record: Record<string, unknown>): DnsRecordValue {
  const type = String(record.type) as DnsRecordType;
  const rawContent = typeof record.content === "string" ? record.content : undefined;
  return build({
    name: String(record.name),
    type,
    content: type === "TXT" && rawContent !== undefined ? unquoteTxt(rawContent) : rawContent,
    data: isPlainObject(record.data) ? record.data : undefined,
    priority: typeof record.priority === "number" ? record.priority : undefined,
    proxied: record.proxied === true,
    ttl: typeof record.ttl === "number" ? record.ttl : 1,
    comment: typeof record.comment === "string" ? record.comment : undefined,
    tags: Array.isArray(record.tags) ? record.tags.map(String) : undefined,
  });
}

/** Cloudflare marks some records (for example ones managed by other products) read-only. */
export function isReadOnlyLive(record: Record<string, unknown>): boolean {
  const meta = record.meta;
  return isPlainObject(meta) && meta.read_only === true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
