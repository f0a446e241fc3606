// The engine-neutral middle of planning: desired and live configuration as flat lists of
// resources with normalised values, and the ownership claims that say which live ones we manage.
import type { SourceLocation } from "../desired-state/types.ts";
import type { KindId } from "./types.ts";

export interface Resource {
  kind: KindId;
  /**
   * What matches a desired resource to a live one. Several resources may share a key (records of
   * one name and type); `variant` tells them apart and pairs them first.
   */
  key: string;
  /** The change id shown to people (formats in types.ts); `assignIds` sets it for resources with a variant. */
  id: string;
  /** Resources sharing a key told apart by content (a DNS record's content key). */
  variant?: string;
  zone?: string;
  /** The unit reads and ownership work by: the zone for zone-file kinds, the tunnel for ingress rules. */
  scope: string;
  value: Record<string, unknown>;
  source?: SourceLocation;
  /** The value in the API's own form, where writes or `import` need it rather than `value` (a setting's 14400, not "14400"). */
  raw?: unknown;
  /** Live only: Cloudflare's id of the object. */
  cloudId?: string;
  /** Live only: Cloudflare marks it read-only; never changed or deleted. */
  readOnly?: boolean;
}

/** kind -> scope -> the claim's detail (a zone's `ignore:` patterns). */
export type Ownership = Map<string, Map<string, unknown>>;

export function emptyOwnership(): Ownership {
  return new Map();
}

export function claim(ownership: Ownership, kind: string, scope: string, detail?: unknown): void {
  const scopes = ownership.get(kind) ?? new Map<string, unknown>();
  if (!scopes.has(scope) || detail !== undefined) scopes.set(scope, detail);
  ownership.set(kind, scopes);
}

/**
 * A resource with a variant is named by its key when it is the only one with that key on its side
 * (a record alone at its name and type), else by key and variant.
 */
export function assignIds(resources: Resource[]): void {
  const counts = new Map<string, number>();
  for (const resource of resources) if (resource.variant !== undefined) counts.set(resource.key, (counts.get(resource.key) ?? 0) + 1);
  for (const resource of resources) {
    if (resource.variant === undefined) continue;
    resource.id = counts.get(resource.key) === 1 ? resource.key : `${resource.key}/${resource.variant}`;
  }
}

/** Ownership as JSON (saved plans) and back. */
export function ownershipToJson(ownership: Ownership): Record<string, Record<string, unknown>> {
  return Object.fromEntries([...ownership].map(([kind, scopes]) => [kind, Object.fromEntries([...scopes].map(([scope, detail]) => [scope, detail ?? null]))]));
}

export function ownershipFromJson(json: Record<string, Record<string, unknown>>): Ownership {
  return new Map(Object.entries(json).map(([kind, scopes]) => [kind, new Map(Object.entries(scopes).map(([scope, detail]) => [scope, detail ?? undefined]))]));
}
