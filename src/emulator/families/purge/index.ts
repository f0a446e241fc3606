// POST /zones/{zone_id}/purge_cache: exactly one of purge_everything, files, hosts, prefixes, tags.
import type { EmulatorFamily } from "../family.ts";
import { addPurgeRoutes } from "./routes.ts";
import { purgesSlice } from "./slice.ts";

export const purgeFamily: EmulatorFamily = {
  name: "purge",
  routes: addPurgeRoutes,
  slices: [purgesSlice],
  audit: {
    cache_purge: { product: "cache", type: "purge", scope: "zones", noun: "cache purge", v1Type: "zone", v1Actions: { create: "purge_cache", update: "purge_cache", delete: "purge_cache" } },
  },
  sdkTypes: { "POST /zones/{zone_id}/purge_cache": "CachePurgeResponse (cloudflare/resources/cache/cache.d.ts)" },
  exercise: () => import("./exercise.ts"),
};
