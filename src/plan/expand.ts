// Desired state + names the engines resolved -> the flat list of desired resources and the
// ownership claims. Each kind expands its own part (and may add resources of another kind: a
// tunnel service's CNAME is a DNS record).
import type { DesiredState } from "../desired-state/types.ts";
import { kinds } from "../kinds/registry.ts";
import { assignIds, claim, emptyOwnership, type Ownership, type Resource } from "./resources.ts";

/** kind -> names that kind's native adapter resolved (tunnel name -> tunnel id). */
export type Resolved = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface ExpandOptions {
  resolved?: Resolved;
  /** Every zone name known (desired and live), to place a service's CNAME in its zone. */
  zoneNames?: readonly string[];
}

export interface Expanded {
  resources: Resource[];
  ownership: Ownership;
}

const none: ReadonlyMap<string, string> = new Map();

export function expandDesired(desired: DesiredState, options: ExpandOptions = {}): Expanded {
  const ownership = emptyOwnership();
  const out = { resources: [] as Resource[], claim: (kind: string, scope: string, detail?: unknown) => claim(ownership, kind, scope, detail) };
  const zoneNames = [...new Set([...desired.zones.map((zone) => zone.zone), ...(options.zoneNames ?? [])])];
  for (const kind of kinds) kind.expand(desired, { ids: options.resolved?.get(kind.id) ?? none, zoneNames }, out);
  assignIds(out.resources);
  return { resources: out.resources, ownership };
}

/** The scopes to read per kind: every claimed scope and every scope a desired resource is in. */
export function scopesToRead(expanded: Expanded): Map<string, string[]> {
  const scopes = new Map<string, Set<string>>();
  const add = (kind: string, scope: string) => scopes.set(kind, (scopes.get(kind) ?? new Set()).add(scope));
  for (const [kind, claimed] of expanded.ownership) for (const scope of claimed.keys()) add(kind, scope);
  for (const resource of expanded.resources) add(resource.kind, resource.scope);
  return new Map([...scopes].map(([kind, set]) => [kind, [...set].sort()]));
}
