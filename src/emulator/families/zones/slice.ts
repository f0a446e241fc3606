// The zones family's store slice (state file key `zones`), and the check every zone-scoped route
// of every family starts with.
import { fail } from "../../envelope.ts";
import { isHexId } from "../../ids.ts";
import { invalidIdentifier } from "../../requests.ts";
import type { RequestContext } from "../../router.ts";
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { Zone } from "./types.ts";

export const zonesSlice = defineSlice<Map<string, Zone>>({
  keys: ["zones"],
  create: () => new Map(),
  snapshot: (zones) => ({ zones: [...zones.values()] }),
  load(zones, snapshot) {
    for (const zone of (snapshot.zones as Zone[] | undefined) ?? []) zones.set(zone.id, zone);
  },
});

/** The account's zones, by id. */
export function zonesOf(store: EmulatorStore): Map<string, Zone> {
  return store.slice(zonesSlice);
}

export function requireZone(ctx: RequestContext): Zone {
  const id = ctx.params.zone_id ?? "";
  if (!isHexId(id)) invalidIdentifier(ctx);
  const zone = zonesOf(ctx.store).get(id);
  if (!zone) throw fail(404, 1003, "Invalid or missing zone id.");
  return zone;
}
