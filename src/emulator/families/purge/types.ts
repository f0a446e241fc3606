// The purge family's record of a cache purge received, shaped as Cloudflare returns them.

export interface PurgeRequest {
  zone_id: string;
  body: Record<string, unknown>;
  at: string;
}
