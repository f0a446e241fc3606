// Normalised DNS record -> the bodies Cloudflare's API takes (batch posts and patches).
import { displayOnlyFields, type DnsRecordValue } from "./normalise.ts";
import { quoteTxt } from "./txt.ts";

export type DnsApiBody = Record<string, unknown>;

// Text fields that may be empty: normalisation drops an empty field (live may omit it), but the
// API gets it as written, "" included: HTTPS/SVCB without SvcParams (RFC 9460 allows none), NAPTR
// with an empty regexp beside its replacement (RFC 3403). All are optional strings in the API schema.
const emptyTextFields: Record<string, string[]> = { HTTPS: ["value"], SVCB: ["value"], NAPTR: ["flags", "service", "regex"] };

function withEmptyText(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const fields = emptyTextFields[type];
  if (!fields) return data;
  return { ...Object.fromEntries(fields.map((field) => [field, ""])), ...data };
}

/** A full record body for a batch `posts` entry. */
export function dnsApiBody(value: DnsRecordValue): DnsApiBody {
  const body: DnsApiBody = { name: value.name, type: value.type, ttl: value.proxied ? 1 : value.ttl };
  if (value.data) body.data = withEmptyText(value.type, value.data);
  else if (value.content !== undefined) body.content = value.type === "TXT" ? quoteTxt(value.content) : value.content;
  if (value.priority !== undefined) body.priority = value.priority;
  if (value.type === "A" || value.type === "AAAA" || value.type === "CNAME") body.proxied = value.proxied;
  body.comment = value.comment ?? "";
  body.tags = value.tags;
  return body;
}

/** A batch `patches` entry: the record id plus the fields that changed. */
export function dnsApiPatch(id: string, value: DnsRecordValue, fields: string[]): DnsApiBody {
  const full = dnsApiBody(value);
  const patch: DnsApiBody = { id };
  for (const field of fields) if (!displayOnlyFields.has(field)) patch[field] = full[field] ?? (field === "comment" ? "" : null);
  if (fields.includes("proxied") && !fields.includes("ttl")) patch.ttl = full.ttl;
  return patch;
}
