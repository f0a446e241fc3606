// The Workers routes family's store slice (state file key `workersRoutes`): each zone's routes, in
// the order they were made.
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";

export interface WorkersRoute {
  id: string;
  pattern: string;
  /** Absent: the pattern runs no Worker. */
  script?: string;
}

export const workersRoutesSlice = defineSlice<Map<string, WorkersRoute[]>>({
  keys: ["workersRoutes"],
  create: () => new Map(),
  snapshot: (zones) => ({ workersRoutes: Object.fromEntries(zones) }),
  load(zones, snapshot) {
    for (const [zoneId, routes] of Object.entries((snapshot.workersRoutes as Record<string, WorkersRoute[]> | undefined) ?? {})) zones.set(zoneId, routes);
  },
});

/** A zone's routes (an empty list for a zone without any). */
export function zoneRoutes(store: EmulatorStore, zoneId: string): WorkersRoute[] {
  const zones = store.slice(workersRoutesSlice);
  let routes = zones.get(zoneId);
  if (!routes) zones.set(zoneId, (routes = []));
  return routes;
}
