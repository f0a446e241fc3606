// The Pulumi engine's Workers routes adapter: one cloudflare.WorkersRoute per route, named by its
// change id, imported as <zone_id>/<route_id> (the shared one-object-per-item helper).
import type { WorkersRouteArgs } from "@pulumi/cloudflare";
import { objectPulumi } from "../shared/object-per-item/pulumi.ts";
import { workersRouteObjects } from "./normalise.ts";

export const pulumi = objectPulumi(workersRouteObjects, {
  type: "cloudflare:index/workersRoute:WorkersRoute",
  args: (route, zoneId) => ({ zoneId, pattern: route.pattern, ...(route.script && { script: route.script }) }),
  create: (cloudflare, name, args, opts) => new cloudflare.WorkersRoute(name, args as unknown as WorkersRouteArgs, opts),
  stateToApi: (state) => ({ pattern: state.pattern, script: state.script }),
  // an existing route of the same pattern is adopted whatever Worker it runs, then pointed at ours
  adoptIgnoring: ["script"],
});
