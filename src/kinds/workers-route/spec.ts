// The `workers_routes:` key of a zone file: which Worker runs for which URL pattern of the zone.
import type { SourceLocation } from "../../desired-state/types.ts";
import { objectPlacement } from "../shared/object-per-item/placement.ts";
import { workersRouteObjects } from "./normalise.ts";

export { workersRouteKindId } from "./normalise.ts";

export interface WorkersRouteSpec {
  /** Cloudflare's route pattern: `shop.example.com/api/*`, `*example.com/*`. */
  pattern: string;
  /** The Worker that runs; absent, the pattern runs no Worker (an exception inside a wider route). */
  script?: string;
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the zone's Workers routes are not managed by this file */
    workers_routes?: WorkersRouteSpec[];
  }
}

export const workersRoutePlacement = objectPlacement(workersRouteObjects);
