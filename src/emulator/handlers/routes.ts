// Every API route of the emulator, one family per handler file.
import { Router } from "../router.ts";
import { addAccountRoutes } from "./accounts.ts";
import { addAuditLogRoutes } from "./audit-logs.ts";
import { addDnsRecordRoutes } from "./dns-records.ts";
import { addListItemRoutes } from "./list-items.ts";
import { addListRoutes } from "./lists.ts";
import { addPurgeRoutes } from "./purge.ts";
import { addRulesetRoutes } from "./rulesets.ts";
import { addSettingsRoutes } from "./settings.ts";
import { addTunnelRoutes } from "./tunnels.ts";
import { addZoneRoutes } from "./zones.ts";

export function apiRouter(options: { batchLimit?: number } = {}): Router {
  const router = new Router();
  addAccountRoutes(router);
  addZoneRoutes(router);
  addDnsRecordRoutes(router, options);
  addSettingsRoutes(router);
  addRulesetRoutes(router);
  addTunnelRoutes(router);
  addPurgeRoutes(router);
  addListItemRoutes(router);
  addListRoutes(router);
  addAuditLogRoutes(router);
  return router;
}
