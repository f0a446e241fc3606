// Turns a record as a client sends it into the record as Cloudflare stores it, or a Cloudflare error.
import { isIPv4, isIPv6 } from "node:net";
import { fail } from "../../envelope.ts";
import type { DnsRecord } from "./types.ts";
import { dataTypes, normaliseData } from "./content.ts";
import { canonicalHostname, canonicalIpv6, recordFqdn } from "./names.ts";
import { quoteTxt } from "./txt.ts";

export const recordTypes = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "PTR", "OPENPGPKEY", ...Object.keys(dataTypes)];
const proxiableTypes = new Set(["A", "AAAA", "CNAME"]);
const hostnameTypes = new Set(["CNAME", "NS", "PTR", "MX"]);
const hostnamePattern = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/** The fields a client controls; what normaliseRecord returns (id and timestamps are added by the caller). */
export type RecordFields = Pick<DnsRecord, "name" | "type" | "content" | "proxiable" | "proxied" | "ttl" | "priority" | "data" | "comment" | "tags" | "settings">;

/** The writable fields of a stored record, as input for a PATCH merge. */
export function recordAsInput(record: DnsRecord): Record<string, unknown> {
  const { name, type, content, proxied, ttl, priority, data, comment, tags, settings } = record;
  return { name, type, content, proxied, ttl, priority, data, comment, tags, settings };
}

export function normaliseRecord(input: unknown, zoneName: string): RecordFields {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw fail(400, 9207, "Request body is invalid: expected a JSON object");
  const body = input as Record<string, unknown>;
  const type = typeof body.type === "string" ? body.type.toUpperCase() : undefined;
  if (!type) throw fail(400, 9000, "DNS record type is required");
  if (!recordTypes.includes(type)) throw fail(400, 9000, `DNS record type "${String(body.type)}" is invalid or not supported`);
  const name = normaliseName(body.name, zoneName);

  const proxied = body.proxied === undefined || body.proxied === null ? false : body.proxied;
  if (typeof proxied !== "boolean") throw fail(400, 9003, `"proxied" must be true or false, got ${JSON.stringify(body.proxied)}`);
  if (proxied && !proxiableTypes.has(type)) throw fail(400, 9004, "This record type cannot be proxied.");

  const ttl = normaliseTtl(body.ttl, proxied);
  const record: RecordFields = {
    name,
    type,
    content: "",
    proxiable: proxiableTypes.has(type),
    proxied,
    ttl,
    comment: normaliseComment(body.comment),
    tags: normaliseTags(body.tags),
    settings: body.settings && typeof body.settings === "object" ? (body.settings as Record<string, unknown>) : {},
  };

  if (dataTypes[type]) {
    const { data, content } = normaliseData(type, body.data);
    record.data = data;
    record.content = content;
    if (type === "SRV") record.priority = data.priority as number;
    if (type === "URI") record.priority = normalisePriority(body.priority, type);
  } else {
    record.content = normaliseContent(type, body.content);
    if (type === "MX") record.priority = normalisePriority(body.priority, type);
  }
  return record;
}

function normaliseName(value: unknown, zoneName: string): string {
  if (typeof value !== "string" || value.trim() === "") throw fail(400, 9005, "DNS record name is required");
  const fqdn = recordFqdn(value, zoneName);
  const apex = zoneName.toLowerCase();
  if (fqdn === undefined) throw fail(400, 9005, `DNS record name "${value}" is invalid`);
  if (fqdn !== apex && !fqdn.endsWith(`.${apex}`)) {
    throw fail(400, 9005, `DNS record name "${value}" is outside the zone ${zoneName}`);
  }
  if (fqdn.length > 255 || !hostnamePattern.test(fqdn)) throw fail(400, 9005, `DNS record name "${value}" is invalid`);
  return fqdn;
}

function normaliseTtl(value: unknown, proxied: boolean): number {
  if (value === undefined || value === null) return 1;
  if (typeof value !== "number" || !Number.isInteger(value) || (value !== 1 && (value < 30 || value > 86400))) {
    throw fail(400, 9021, `Invalid TTL ${JSON.stringify(value)}. Must be between 60 and 86400 seconds, or 1 for Automatic.`);
  }
  // Proxied records always have an automatic TTL.
  return proxied ? 1 : value;
}

function normalisePriority(value: unknown, type: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw fail(400, 9100, `${type} records need a priority between 0 and 65535, got ${JSON.stringify(value)}`);
  }
  return value;
}

function normaliseContent(type: string, value: unknown): string {
  if (type === "TXT") {
    if (typeof value !== "string") throw fail(400, 9009, "Content for TXT record is required");
    return quoteTxt(value);
  }
  if (typeof value !== "string" || value.trim() === "") throw fail(400, 9009, `Content for ${type} record is required`);
  const content = value.trim();
  if (type === "A" && !isIPv4(content)) throw fail(400, 9005, "Content for A record must be a valid IPv4 address.");
  if (type === "AAAA") {
    if (!isIPv6(content)) throw fail(400, 9006, "Content for AAAA record must be a valid IPv6 address.");
    return canonicalIpv6(content);
  }
  if (hostnameTypes.has(type)) {
    // RFC 7505 null MX: "." says the domain accepts no mail.
    if (type === "MX" && content === ".") return ".";
    const host = canonicalHostname(content);
    if (host === undefined || !hostnamePattern.test(host)) throw fail(400, 9007, `Content for ${type} record is invalid: "${value}" is not a hostname`);
    return host;
  }
  return content;
}

function normaliseComment(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw fail(400, 9011, "comment must be a string");
  if (value.length > 100) throw fail(400, 9011, "DNS record comment is longer than 100 characters");
  return value;
}

function normaliseTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== "string")) throw fail(400, 9012, "tags must be a list of strings");
  const tags = value as string[];
  for (const tag of tags) {
    if (!/^[^:\s]+(:.*)?$/.test(tag)) throw fail(400, 9012, `tag "${tag}" must look like name or name:value`);
  }
  return [...new Set(tags)];
}
