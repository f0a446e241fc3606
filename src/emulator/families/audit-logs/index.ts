// The account audit logs: v2 (GET …/logs/audit) and v1 (GET …/audit_logs), rendering the entries
// the server records for every successful write, with each family's audit names.
import type { EmulatorFamily } from "../family.ts";
import { addAuditLogRoutes } from "./routes.ts";

export const auditLogsFamily: EmulatorFamily = {
  name: "audit-logs",
  routes: addAuditLogRoutes,
  sdkTypes: {
    "GET /accounts/{account_id}/logs/audit": "AuditListResponse (cloudflare/resources/accounts/logs/audit.d.ts)",
    "GET /accounts/{account_id}/audit_logs": "AuditLog (cloudflare/resources/shared.d.ts)",
  },
};
