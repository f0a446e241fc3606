// The emulator's stored objects, shaped as Cloudflare returns them.

/** Key order and nulls as a recorded free zone (GET /zones, 2026-08-11) returns them. */
export interface Zone {
  id: string;
  name: string;
  status: "active" | "pending";
  paused: boolean;
  type: "full";
  development_mode: number;
  name_servers: string[];
  original_name_servers: string[] | null;
  original_registrar: string | null;
  original_dnshost: string | null;
  modified_on: string;
  created_on: string;
  activated_on: string;
  vanity_name_servers: string[];
  vanity_name_servers_ips: null;
  meta: { step: number; custom_certificate_quota: number; page_rule_quota: number; phishing_detected: boolean };
  owner: { id: string | null; type: string; email: string | null };
  account: { id: string; name: string };
  tenant: { id: string | null; name: string | null };
  tenant_unit: { id: string | null };
  permissions: string[];
  plan: { id: string; name: string; price: number; currency: string; frequency: string; is_subscribed: boolean; can_subscribe: boolean; legacy_id: string; legacy_discount: boolean; externally_managed: boolean };
}

export interface DnsRecord {
  id: string;
  name: string;
  type: string;
  content: string;
  proxiable: boolean;
  proxied: boolean;
  ttl: number;
  priority?: number;
  data?: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Empty unless Cloudflare manages the record (read_only); older state files may hold more keys. */
  meta: { read_only?: boolean; [field: string]: unknown };
  /** Stored only when set; responses carry `comment: null` otherwise (see dns/view.ts). */
  comment?: string;
  tags: string[];
  created_on: string;
  modified_on: string;
  comment_modified_on?: string;
  tags_modified_on?: string;
}

export interface StoredSetting {
  value: unknown;
  modified_on: string | null;
}

export interface RulesetRule {
  id: string;
  version: string;
  last_updated: string;
  action: string;
  expression: string;
  description?: string;
  enabled: boolean;
  ref: string;
  [field: string]: unknown;
}

export type ListKind = "ip" | "asn" | "hostname" | "redirect";

/** An account-level custom list; num_items and num_referencing_filters are computed when shown. */
export interface RulesList {
  id: string;
  name: string;
  description: string;
  kind: ListKind;
  created_on: string;
  modified_on: string;
}

/** One item: exactly one of ip, asn, hostname, redirect, per the list's kind. */
export interface ListItem {
  id: string;
  ip?: string;
  asn?: number;
  hostname?: { url_hostname: string; exclude_exact_hostname?: boolean };
  redirect?: Record<string, unknown>;
  comment?: string;
  created_on: string;
  modified_on: string;
}

/** An asynchronous items write; the change is held until the operation completes. */
export interface BulkOperation {
  id: string;
  list_id: string;
  status: "pending" | "running" | "completed" | "failed";
  completed?: string;
  error?: string;
  change: { mode: "append" | "replace" | "delete"; items?: ListItem[]; ids?: string[] };
  /** Status polls answered so far, and how many must be answered before it may complete. */
  polls: number;
  pollsNeeded: number;
  /** Epoch ms before which it may not complete. */
  readyAt: number;
  /** Set when a fault makes it fail. */
  failWith?: string;
}

export interface Ruleset {
  id: string;
  name: string;
  description: string;
  kind: "zone";
  phase: string;
  version: string;
  last_updated: string;
  rules: RulesetRule[];
}

export interface Tunnel {
  id: string;
  account_tag: string;
  name: string;
  created_at: string;
  /** Absent until deleted (the schema types these timestamps as strings, never null). */
  deleted_at?: string;
  connections: unknown[];
  conns_active_at?: string;
  conns_inactive_at?: string;
  metadata: Record<string, unknown>;
  remote_config: boolean;
  status: "inactive" | "healthy" | "down" | "degraded";
  tun_type: "cfd_tunnel";
  config_src: "local" | "cloudflare";
}

export interface TunnelConfig {
  tunnel_id: string;
  account_id: string;
  version: number;
  config: { ingress?: unknown[]; [field: string]: unknown };
  source: "cloudflare" | "local";
  created_at: string;
}

export interface PurgeRequest {
  zone_id: string;
  body: Record<string, unknown>;
  at: string;
}
