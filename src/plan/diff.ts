// The generic diff: desired vs live resources -> changes. What "equal" means is the kinds'
// normalisers'; what may be deleted is ownership's; this file only matches. Resources match by key;
// where several share a key (records of one name and type) they pair by variant (content) first,
// then leftovers pair in variant order as updates in place, and the rest are creates or deletes.
import { kindById } from "../kinds/registry.ts";
import { movedRefs } from "./moves.ts";
import { ownsLive } from "./ownership.ts";
import type { Ownership, Resource } from "./resources.ts";
import type { Change } from "./types.ts";
import { compareText } from "../shared/compare-text.ts";

/** Stable JSON: object keys sorted, so equal values always serialise equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((key) => stableJson(before[key]) !== stableJson(after[key]));
}

/** A change with the desired and live resource it is about (payloads and fingerprints need them). */
export interface Planned {
  change: Change;
  want?: Resource;
  have?: Resource;
}

function change(op: Change["op"], resource: Resource, extra: Partial<Change>): Change {
  const out: Change = { kind: resource.kind, id: resource.id, op, fields: [], ...extra };
  if (resource.zone !== undefined) out.zone = resource.zone;
  return out;
}

function group(resources: Resource[]): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) groups.set(resource.key, [...(groups.get(resource.key) ?? []), resource]);
  return groups;
}

const byVariant = (a: Resource, b: Resource) => compareText(a.variant ?? "", b.variant ?? "");

/** Pairs one key's desired and live resources: equal variants first, then leftovers in variant order. */
export function pairByVariant(wants: Resource[], haves: Resource[]): { pairs: [Resource, Resource][]; wants: Resource[]; haves: Resource[] } {
  const pairs: [Resource, Resource][] = [];
  const leftHaves = [...haves];
  const leftWants: Resource[] = [];
  for (const want of wants) {
    const index = leftHaves.findIndex((have) => have.variant === want.variant);
    if (index < 0) leftWants.push(want);
    else pairs.push([want, leftHaves.splice(index, 1)[0]!]);
  }
  leftWants.sort(byVariant);
  leftHaves.sort(byVariant);
  const count = Math.min(leftWants.length, leftHaves.length);
  for (let i = 0; i < count; i++) pairs.push([leftWants[i]!, leftHaves[i]!]);
  return { pairs, wants: leftWants.slice(count), haves: leftHaves.slice(count) };
}

function update(want: Resource, have: Resource): Planned | undefined {
  if (have.readOnly) return undefined;
  const fields = changedFields(have.value, want.value);
  if (fields.length === 0) return undefined;
  const planned = change("update", want, { before: have.value, after: want.value, fields });
  if (want.source) planned.source = want.source;
  if (have.cloudId) planned.cloudId = have.cloudId;
  return { change: planned, want, have };
}

export function planResources(desired: Resource[], live: Resource[], ownership: Ownership): Planned[] {
  const planned: Planned[] = [];
  const liveGroups = group(live);
  for (const [key, wants] of group(desired)) {
    const { pairs, wants: creates, haves: deletes } = pairByVariant(wants, liveGroups.get(key) ?? []);
    liveGroups.delete(key);
    for (const [want, have] of pairs) {
      const updated = update(want, have);
      if (updated) planned.push(updated);
    }
    for (const want of creates) {
      planned.push({ change: change("create", want, { after: want.value, fields: Object.keys(want.value), ...(want.source && { source: want.source }) }), want });
    }
    planned.push(...deletions(deletes, ownership));
  }
  for (const haves of liveGroups.values()) planned.push(...deletions(haves, ownership));
  return addMoves(planned, desired, live, ownership);
}

function deletions(haves: Resource[], ownership: Ownership): Planned[] {
  return haves.filter((have) => ownsLive(ownership, have)).map((have) => {
    const gone = change("delete", have, { before: have.value, fields: Object.keys(have.value) });
    if (have.cloudId) gone.cloudId = have.cloudId;
    return { change: gone, have };
  });
}

export function diffResources(desired: Resource[], live: Resource[], ownership: Ownership): Change[] {
  return planResources(desired, live, ownership).map((entry) => entry.change);
}

/** Ordered kinds (rules evaluated in order): a rule whose relative position changed is an update of `position`. */
function addMoves(planned: Planned[], desired: Resource[], live: Resource[], ownership: Ownership): Planned[] {
  for (const [kind, scopes] of ownership) {
    if (!kindById(kind)?.ordered) continue;
    for (const scope of scopes.keys()) {
      const wanted = desired.filter((r) => r.kind === kind && r.scope === scope);
      const current = live.filter((r) => r.kind === kind && r.scope === scope);
      for (const key of movedRefs(wanted.map((r) => r.key), current.map((r) => r.key))) {
        const want = wanted.find((r) => r.key === key)!;
        const have = current.find((r) => r.key === key)!;
        const position = { before: current.indexOf(have), after: wanted.indexOf(want) };
        const existing = planned.find((p) => p.change.kind === kind && p.change.id === want.id && p.change.op === "update");
        if (existing) {
          existing.change.fields.push("position");
          existing.change.before = { ...(existing.change.before as object), position: position.before };
          existing.change.after = { ...(existing.change.after as object), position: position.after };
          continue;
        }
        const moved = change("update", want, { before: { ...have.value, position: position.before }, after: { ...want.value, position: position.after }, fields: ["position"] });
        if (want.source) moved.source = want.source;
        if (have.cloudId) moved.cloudId = have.cloudId;
        planned.push({ change: moved, want, have });
      }
    }
  }
  return planned;
}
