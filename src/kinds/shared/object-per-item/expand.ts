// A zone file's list -> one resource per item; the key (even an empty list) claims the zone's
// objects of the kind, so live ones it does not list are deleted.
import type { DesiredState } from "../../../desired-state/types.ts";
import type { ExpandOutput } from "../../kind.ts";
import { objectResource, type ObjectKind, type ObjectSpec } from "./object-kind.ts";

export function expandObjects<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>, state: DesiredState, out: ExpandOutput): void {
  for (const zone of state.zones) {
    const items = kind.itemsOf(zone);
    if (!items) continue;
    out.claim(kind.kind, zone.zone);
    for (const item of items) {
      const resource = objectResource(kind, zone.zone, kind.fromSpec(item));
      resource.source = item.source;
      out.resources.push(resource);
    }
  }
}
