// Normalised DNS record -> the bodies Cloudflare's API takes (batch posts and patches).
import type { DnsRecordValue } from "./normalise.ts";
import { quoteTxt } from "./txt.ts";

export type DnsApiBody = Record<string, unknown>;

/** A full record body for a batch `posts` entry. */
export function dnsApiBody(value: DnsRecordValue): DnsApiBody {
  const body: DnsApiBody = { name: value.name, type: value.type, ttl: value.proxied ? 1 : value.ttl };
  if (value.data) body.data = value.data;
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
  for (const field of fields) patch[field] = full[field] ?? (field === "comment" ? "" : null);
  if (fields.includes("proxied") && !fields.includes("ttl")) patch.ttl = full.ttl;
  return patch;
}
