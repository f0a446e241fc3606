// How each emulated resource appears in the audit logs.
// v1: DNS records as resource type "DNS_record" with actions rec_add / rec_set / rec_del, zone
// settings as "change_setting" on the zone; seen in the v1 types of a public Slack integration of
// Cloudflare's audit log (the API reference lists no enumeration). The other v1 names, and every
// v2 product/type name, are the emulator's own: Cloudflare documents the fields, not their values.
// Match entries on resource id first; use these names only to narrow.
import type { AuditAction, AuditResource } from "./types.ts";

export interface ResourceNames {
  /** v2 resource.product */
  product: string;
  /** v2 resource.type */
  type: string;
  /** v2 resource.scope */
  scope: "zones" | "accounts";
  /** Noun for action.description, e.g. "DNS record". */
  noun: string;
  v1Type: string;
  v1Actions: Record<AuditAction, string>;
}

const plain: Record<AuditAction, string> = { create: "create", update: "update", delete: "delete" };

export const resourceNames: Record<AuditResource, ResourceNames> = {
  zone: { product: "zones", type: "zone", scope: "accounts", noun: "zone", v1Type: "zone", v1Actions: { create: "add", update: "update", delete: "purge" } },
  dns_record: { product: "dns_records", type: "dns_record", scope: "zones", noun: "DNS record", v1Type: "DNS_record", v1Actions: { create: "rec_add", update: "rec_set", delete: "rec_del" } },
  zone_setting: { product: "zone_settings", type: "zone_setting", scope: "zones", noun: "zone setting", v1Type: "zone", v1Actions: { create: "change_setting", update: "change_setting", delete: "change_setting" } },
  ruleset: { product: "rulesets", type: "ruleset", scope: "zones", noun: "ruleset", v1Type: "ruleset", v1Actions: plain },
  list: { product: "rules_lists", type: "list", scope: "accounts", noun: "list", v1Type: "list", v1Actions: plain },
  list_items: { product: "rules_lists", type: "list_items", scope: "accounts", noun: "list items", v1Type: "list", v1Actions: plain },
  tunnel: { product: "cfd_tunnel", type: "tunnel", scope: "accounts", noun: "tunnel", v1Type: "tunnel", v1Actions: plain },
  tunnel_configuration: { product: "cfd_tunnel", type: "tunnel_configuration", scope: "accounts", noun: "tunnel configuration", v1Type: "tunnel", v1Actions: plain },
  cache_purge: { product: "cache", type: "purge", scope: "zones", noun: "cache purge", v1Type: "zone", v1Actions: { create: "purge_cache", update: "purge_cache", delete: "purge_cache" } },
};

const verbs: Record<AuditAction, string> = { create: "Create", update: "Update", delete: "Delete" };

export function describeAction(action: AuditAction, resource: AuditResource): string {
  return `${verbs[action]} ${resourceNames[resource].noun}`;
}
