// The one order of a plan's changes, used by both engines: zones created first, then the creates
// and updates of account objects zones refer to (lists, Access groups, policies and applications),
// then zone by zone (alphabetically) each kind in apply order, zone-less kinds last, and the deletes
// of those account objects after everything, in reverse apply order. Within a kind whose rules are
// evaluated in order, the desired order (deletes after); otherwise deletes first, then by id.
import { kindById } from "../kinds/registry.ts";
import type { Resource } from "./resources.ts";
import type { Change } from "./types.ts";
import { compareText } from "../shared/compare-text.ts";

const last = "\uffff";

function kindRank(change: Change): number {
  if (change.kind === "zone") return -1;
  const kind = kindById(change.kind);
  const order = kind?.applyOrder ?? 1e6;
  // objects others refer to are deleted last, in reverse: an Access app before the policy it uses,
  // the policy before its group
  return change.op === "delete" && change.zone === undefined && kind?.referencedByZones ? 2e6 - order : order;
}

function zoneRank(change: Change): string {
  if (change.kind === "zone") return "";
  // objects zone rules use ($lists) exist before the rules that use them, and go after them
  if (change.zone === undefined && kindById(change.kind)?.referencedByZones) return change.op === "delete" ? last : "";
  return change.zone ?? last;
}

/** `desired`: the desired resources in YAML order (positions of ordered kinds' rules). */
export function sortChanges(changes: readonly Change[], desired: readonly Resource[] = []): Change[] {
  const position = new Map(desired.map((resource, index) => [resource.id, index]));
  const rank = (change: Change) => (change.op === "delete" ? 1e9 : (position.get(change.id) ?? 1e9));
  return [...changes].sort((a, b) => {
    const zone = compareText(zoneRank(a), zoneRank(b));
    if (zone !== 0) return zone;
    const kind = kindRank(a) - kindRank(b) || compareText(a.kind, b.kind);
    if (kind !== 0) return kind;
    if (kindById(a.kind)?.ordered) return rank(a) - rank(b) || compareText(a.id, b.id);
    return (a.op === "delete" ? 0 : 1) - (b.op === "delete" ? 0 : 1) || compareText(a.id, b.id);
  });
}
