// Workers routes: the `workers_routes:` key of a zone file, one API object per route
// (src/kinds/shared/object-per-item).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandWorkersRoutes } from "./expand.ts";
import { patternRule, uniquePatternRule } from "./rules.ts";
import { workersRouteSchema } from "./schema.ts";
import { workersRouteKindId, workersRoutePlacement } from "./spec.ts";

export const workersRouteKind: KindDefinition<typeof workersRouteKindId, ZonePlacement> = {
  id: workersRouteKindId,
  title: "Workers route",
  plural: "Workers routes",
  placement: workersRoutePlacement,
  schema: workersRouteSchema,
  zoneRules: [patternRule, uniquePatternRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandWorkersRoutes(state, out),
  applyOrder: 3.5,
  permissions: [{ scope: "Zone", group: "Workers Routes" }],
  docs: {
    model: "one object per item",
    what: "Workers routes: which Worker runs for which URLs of the zone",
    owns: [["`workers_routes:`", "every Workers route of the zone (those `wrangler deploy` made too)", "the zone's routes, while the key is absent"]],
    pulumi: [["Workers route", "`cloudflare.WorkersRoute` (import id `<zone_id>/<route_id>`)", "the change id: `example.com/workers_routes/shop.example.com/api/*` (`*` %-encoded)"]],
    ids: [["Workers route", "`example.com/workers_routes/<pattern>`"]],
    calls: "the zone's Workers routes",
    importNone: "no `workers_routes:` key (an empty list would claim the zone's routes, so the next apply would delete those `wrangler deploy` makes)",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
