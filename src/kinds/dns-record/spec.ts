// The `dns:` and `ignore:` keys of a zone file: their types, how the loader builds them, and how
// `import` writes live records back.
import type { SourceLocation } from "../../desired-state/types.ts";
import type { BuildContext, ImportedSection, ZonePlacement } from "../kind.ts";
import { fragment, isRecord } from "../kind.ts";
import type { Resource } from "../../plan/resources.ts";
import { toFqdn, toRelative, dnsLongId } from "./identity.ts";
import type { DnsRecordValue } from "./normalise.ts";
import { recordTypes, type DnsRecordType } from "./record-types.ts";
import { dnsIgnoreSchema, dnsRecordSchema } from "./schema.ts";
import { compareText } from "../../shared/compare-text.ts";

export { dnsRecordKindId } from "./normalise.ts";

export { dnsRecordTypes, type DnsRecordType } from "./record-types.ts";

/** Structured-type payload, keyed by Cloudflare's own field names. */
export type DnsRecordData = Record<string, string | number>;

export interface DnsRecordSpec {
  name: string; // as written: "@" for the apex, else relative to the zone
  fqdn: string; // lower-case fully qualified name, no trailing dot
  type: DnsRecordType;
  content?: string; // unstructured types; TXT is the plain, unquoted text
  data?: DnsRecordData; // structured types (SRV, CAA, DS, TLSA, SSHFP, NAPTR, LOC, HTTPS, SVCB, URI, CERT, DNSKEY, SMIMEA)
  priority?: number; // MX (and URI when given outside data)
  proxied: boolean; // default false
  ttl: number; // 1 = automatic
  comment?: string;
  tags: string[];
  source: SourceLocation;
}

export interface DnsIgnorePattern {
  name: string; // glob on the relative name, e.g. "_acme-challenge.*"
  type?: DnsRecordType;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the zone's DNS is not owned by this file */
    dns?: DnsRecordSpec[];
    /** Live records left alone (never created, updated or deleted). */
    ignore: DnsIgnorePattern[];
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function buildRecord(raw: Record<string, unknown>, zone: string, source: SourceLocation): DnsRecordSpec {
  const name = String(raw.name);
  const record: DnsRecordSpec = {
    name,
    fqdn: toFqdn(name, zone),
    type: raw.type as DnsRecordType,
    proxied: raw.proxied === true,
    ttl: raw.ttl === undefined || raw.ttl === "auto" ? 1 : Number(raw.ttl),
    tags: list(raw.tags).map(String),
    source,
  };
  if (typeof raw.content === "string") record.content = raw.content;
  if (isRecord(raw.data)) record.data = raw.data as DnsRecordData;
  if (typeof raw.priority === "number") record.priority = raw.priority;
  if (typeof raw.comment === "string") record.comment = raw.comment;
  return record;
}

function buildDns(raw: unknown[], zone: string, ctx: BuildContext): DnsRecordSpec[] {
  const records: DnsRecordSpec[] = [];
  raw.forEach((item, index) => {
    if (!isRecord(item) || ctx.failed(`dns/${index}`)) return;
    const source = ctx.at(["dns", index]);
    const record = buildRecord(item, zone, source);
    // dotted relative names are checked against the other zones after this file is detached
    ctx.register(record, ["dns", index], source, record.name.includes(".") ? ["name"] : []);
    records.push(record);
  });
  return records;
}

/**
 * A live record's data as the schema wants it: normalisation drops empty strings (so that "" and a
 * missing field compare equal), but the schema requires them (a NAPTR without a regex), so each
 * required text field comes back as "".
 */
function yamlData(type: DnsRecordType, data: DnsRecordData): DnsRecordData {
  const schema = recordTypes[type].data as { required?: string[]; properties?: Record<string, { type?: string }> } | undefined;
  const missing = (schema?.required ?? []).filter((field) => data[field] === undefined && schema?.properties?.[field]?.type === "string");
  if (missing.length === 0) return data;
  const filled: DnsRecordData = { ...data, ...Object.fromEntries(missing.map((field) => [field, ""])) };
  return Object.fromEntries(Object.keys(filled).sort().map((key) => [key, filled[key]!]));
}

/** The YAML form of a live record: relative name, plain TXT, defaults left out. */
function yamlRecord(zone: string, value: DnsRecordValue): Record<string, unknown> {
  const record: Record<string, unknown> = { name: toRelative(value.name, zone), type: value.type };
  if (value.data) record.data = yamlData(value.type, value.data);
  else record.content = value.content ?? "";
  if (value.priority !== undefined) record.priority = value.priority;
  if (value.proxied) record.proxied = true;
  if (value.ttl !== 1) record.ttl = value.ttl;
  if (value.comment) record.comment = value.comment;
  if (value.tags.length > 0) record.tags = value.tags;
  return record;
}

function byNameThenType(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const name = (x: Record<string, unknown>) => (x.name === "@" ? "" : String(x.name));
  return (
    compareText(name(a), name(b)) ||
    compareText(String(a.type), String(b.type)) ||
    compareText(JSON.stringify(a.content ?? a.data), JSON.stringify(b.content ?? b.data))
  );
}

function toYaml(live: Resource[], zone: string): ImportedSection {
  const written = live.filter((resource) => !resource.readOnly);
  // a zone without records gets no `dns:` key: an empty list would claim (and delete) records made elsewhere
  if (live.length === 0) return { keys: {}, written: [], summary: [] };
  const records = written.map((resource) => yamlRecord(zone, resource.value as unknown as DnsRecordValue)).sort(byNameThenType);
  const skipped = live.length - written.length;
  return {
    keys: { dns: records },
    written,
    summary: [`${records.length} DNS record(s)`, ...(skipped > 0 ? [`${skipped} read-only record(s) left out`] : [])],
    notes: skipped > 0 ? [`${skipped} read-only record(s) managed by Cloudflare were left out.`] : [],
    itemKey(key, item) {
      if (key !== "dns" || !isRecord(item) || typeof item.name !== "string" || typeof item.type !== "string") return undefined;
      const type = item.type.toUpperCase() as DnsRecordType;
      const content = typeof item.content === "string" ? item.content : undefined;
      const data = isRecord(item.data) ? (item.data as DnsRecordData) : undefined;
      return dnsLongId(zone, { fqdn: toFqdn(item.name, zone), type, content, data });
    },
  };
}

export const dnsPlacement: ZonePlacement = {
  scope: "zone",
  keys: {
    dns: { description: "Every DNS record of the zone (records not listed are deleted, except `ignore:` matches).", schema: { type: "array", items: fragment(dnsRecordSchema) }, merge: { rule: "concat", identity: ["name", "type", "content", "data"] } },
    ignore: { description: "Live records left alone.", schema: { type: "array", items: dnsIgnoreSchema }, merge: { rule: "concat", identity: [] } },
  },
  build(raw, zone, ctx) {
    if (Array.isArray(raw.dns)) zone.dns = buildDns(raw.dns, zone.zone, ctx);
    zone.ignore = list(raw.ignore)
      .filter(isRecord)
      .map((item): DnsIgnorePattern => (item.type ? { name: String(item.name), type: item.type as DnsRecordType } : { name: String(item.name) }));
  },
  count: (zone) => zone.dns?.length,
  toYaml,
};
