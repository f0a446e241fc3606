// Registers the endpoints beyond accounts, zones and DNS records.
import type { Router } from "../router.ts";
import { addAuditLogRoutes } from "./audit-logs.ts";
import { addListItemRoutes } from "./list-items.ts";
import { addListRoutes } from "./lists.ts";
import { addPurgeRoutes } from "./purge.ts";
import { addRulesetRoutes } from "./rulesets.ts";
import { addSettingsRoutes } from "./settings.ts";
import { addTunnelRoutes } from "./tunnels.ts";

export function addRoutes(router: Router): void {
  addSettingsRoutes(router);
  addRulesetRoutes(router);
  addTunnelRoutes(router);
  addPurgeRoutes(router);
  addListItemRoutes(router);
  addListRoutes(router);
  addAuditLogRoutes(router);
}
