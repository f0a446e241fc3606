// The settings family's stored value of a setting changed from its default, shaped as Cloudflare returns them.

export interface StoredSetting {
  value: unknown;
  modified_on: string | null;
}
