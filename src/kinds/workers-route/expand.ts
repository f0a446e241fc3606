// Workers routes -> one resource per route (the shared one-object-per-item expansion); the key,
// even an empty list, claims every route of the zone.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandObjects } from "../shared/object-per-item/expand.ts";
import { workersRouteObjects } from "./normalise.ts";

export function expandWorkersRoutes(state: DesiredState, out: ExpandOutput): void {
  expandObjects(workersRouteObjects, state, out);
}
