// The tunnels family's stored tunnels and their configurations, shaped as Cloudflare returns them.

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
