// Puts a plan's changes together in the order they are shown and applied (order.ts): zones
// created first, then zone by zone each kind in apply order, then zone-less kinds.
import { changedFields, planResources, type Planned } from "./diff.ts";
import { sortChanges } from "./order.ts";
import type { Ownership, Resource } from "./resources.ts";
import type { Change } from "./types.ts";

export interface BuildInput {
  desired: Resource[];
  live: Resource[];
  ownership: Ownership;
  /** Zones missing from the account that the stack allows creating. */
  zonesToCreate?: string[];
}

/** The changes with the resources each is about, in plan order. */
export function buildPlanned(input: BuildInput): Planned[] {
  const creates: Planned[] = (input.zonesToCreate ?? []).map((zone) => ({ change: { kind: "zone", id: zone, zone, op: "create", fields: ["name"], after: { name: zone } } }));
  const planned = [...creates, ...planResources(input.desired, input.live, input.ownership)];
  const byChange = new Map(planned.map((entry) => [entry.change, entry]));
  return sortChanges(planned.map((entry) => entry.change), input.desired).map((change) => byChange.get(change)!);
}

export function buildChanges(input: BuildInput): Change[] {
  return buildPlanned(input).map((entry) => entry.change);
}

/** Desired objects that differ from a live one Cloudflare will not let us change: said, not planned. */
export function readOnlyWarnings(desired: Resource[], live: Resource[]): string[] {
  const readOnly = new Map(live.filter((resource) => resource.readOnly).map((resource) => [`${resource.key}\u0000${resource.variant ?? ""}`, resource]));
  const warnings: string[] = [];
  for (const want of desired) {
    const have = readOnly.get(`${want.key}\u0000${want.variant ?? ""}`);
    if (!have) continue;
    const fields = changedFields(have.value, want.value);
    if (fields.length > 0) warnings.push(`${want.id} is read-only in Cloudflare, so its ${fields.join(", ")} cannot be changed; left as it is`);
  }
  return warnings;
}
