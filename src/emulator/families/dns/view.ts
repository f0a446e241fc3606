// A stored record as the API returns it. Key set and order follow a recorded real response
// (cf-terraforming testdata/cloudflare/v5/cloudflare_dns_record.yaml, 2025): `comment` is always
// present (null without a comment), `meta` is `{}` for ordinary records, and there is no zone_id or
// zone_name. comment_modified_on / tags_modified_on appear only while there is a comment / tags
// (SDK RecordResponse: "Omitted if there is no comment").
import type { DnsRecord } from "./types.ts";

export function recordView(record: DnsRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: record.id,
    name: record.name,
    type: record.type,
    content: record.content,
    proxiable: record.proxiable,
    proxied: record.proxied,
    ttl: record.ttl,
  };
  if (record.priority !== undefined) view.priority = record.priority;
  if (record.data !== undefined) view.data = record.data;
  view.settings = record.settings;
  view.meta = record.meta.read_only ? { read_only: true } : {};
  view.comment = record.comment ?? null;
  view.tags = record.tags;
  view.created_on = record.created_on;
  view.modified_on = record.modified_on;
  if (record.comment_modified_on) view.comment_modified_on = record.comment_modified_on;
  if (record.tags_modified_on) view.tags_modified_on = record.tags_modified_on;
  return view;
}
