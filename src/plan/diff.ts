// The generic diff: desired vs live resources -> changes. Kind-specific rules live in the
// normalisers (what "equal" means) and in ownership (what may be deleted); this file only matches.
import { ownsLive } from "./ownership.ts";
import { movedRefs } from "./firewall-order.ts";
import type { Ownership, Resource } from "./resources.ts";
import type { Change } from "./types.ts";

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

function change(op: Change["op"], resource: Resource, extra: Partial<Change>): Change {
  const out: Change = { kind: resource.kind, id: resource.id, op, fields: [], ...extra };
  if (resource.zone !== undefined) out.zone = resource.zone;
  return out;
}

export function diffResources(desired: Resource[], live: Resource[], ownership: Ownership): Change[] {
  const liveByKey = new Map<string, Resource>();
  const extraLive: Resource[] = [];
  for (const resource of live) {
    if (liveByKey.has(resource.key)) extraLive.push(resource); // duplicates: the extra copies go
    else liveByKey.set(resource.key, resource);
  }
  const changes: Change[] = [];
  const matched = new Set<string>();
  for (const want of desired) {
    const have = liveByKey.get(want.key);
    if (have === undefined) {
      changes.push(change("create", want, { after: want.value, fields: Object.keys(want.value), ...(want.source && { source: want.source }) }));
      continue;
    }
    matched.add(want.key);
    if (have.readOnly) continue;
    const fields = changedFields(have.value, want.value);
    if (fields.length === 0) continue;
    const update = change("update", want, { before: have.value, after: want.value, fields });
    if (want.source) update.source = want.source;
    if (have.cloudId) update.cloudId = have.cloudId;
    changes.push(update);
  }
  const leftovers = [...[...liveByKey.values()].filter((resource) => !matched.has(resource.key)), ...extraLive];
  for (const have of leftovers) {
    if (!ownsLive(ownership, have)) continue;
    const gone = change("delete", have, { before: have.value, fields: Object.keys(have.value) });
    if (have.cloudId) gone.cloudId = have.cloudId;
    changes.push(gone);
  }
  return addFirewallMoves(changes, desired, live, ownership);
}

/** Rules are evaluated in order: a rule whose relative position changed is an update of `position`. */
function addFirewallMoves(changes: Change[], desired: Resource[], live: Resource[], ownership: Ownership): Change[] {
  for (const zone of ownership.firewallZones) {
    const wanted = desired.filter((r) => r.kind === "firewall-rule" && r.zone === zone);
    const current = live.filter((r) => r.kind === "firewall-rule" && r.zone === zone);
    const moved = movedRefs(
      wanted.map((r) => r.key),
      current.map((r) => r.key),
    );
    for (const key of moved) {
      const want = wanted.find((r) => r.key === key)!;
      const position = { before: current.findIndex((r) => r.key === key), after: wanted.indexOf(want) };
      const existing = changes.find((c) => c.kind === "firewall-rule" && c.id === want.id && c.op === "update");
      if (existing) {
        existing.fields.push("position");
        existing.before = { ...(existing.before as object), position: position.before };
        existing.after = { ...(existing.after as object), position: position.after };
        continue;
      }
      const have = current.find((r) => r.key === key)!;
      const moveChange = change("update", want, {
        before: { ...have.value, position: position.before },
        after: { ...want.value, position: position.after },
        fields: ["position"],
      });
      if (want.source) moveChange.source = want.source;
      if (have.cloudId) moveChange.cloudId = have.cloudId;
      changes.push(moveChange);
    }
  }
  return changes;
}
