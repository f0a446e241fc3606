// The zones family's stored zone, shaped as Cloudflare returns them.

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
