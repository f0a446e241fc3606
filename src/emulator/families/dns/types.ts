// The DNS family's stored record, shaped as Cloudflare returns them.

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
