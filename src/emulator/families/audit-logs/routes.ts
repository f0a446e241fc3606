// The account audit logs: v2 (GET …/logs/audit) and v1 (GET …/audit_logs). A fault
// (faults.auditLogs.v2 / .v1 = an HTTP status) makes either answer with an error instead, so a
// client's v1 fallback and its "no permission" path can be tested.
import { listV1 } from "./v1.ts";
import { listV2 } from "./v2.ts";
import { ApiFailure } from "../../envelope.ts";
import type { RequestContext, Router } from "../../router.ts";
import { requireAccount } from "../../requests.ts";
import type { FamilyContext } from "../family.ts";

/** A missing permission is 403 with 10000, as Cloudflare answers (recorded 2026-05-27). */
function injected(status: number): ApiFailure {
  if (status === 403) return new ApiFailure(403, [{ code: 10000, message: "Authentication error" }]);
  if (status === 404) return new ApiFailure(404, [{ code: 7000, message: "No route for that URI" }]);
  return new ApiFailure(status, [{ code: 10002, message: "The audit log is unavailable (injected fault)" }]);
}

function checkFault(ctx: RequestContext, version: "v1" | "v2"): void {
  requireAccount(ctx);
  const status = ctx.faults.get().auditLogs?.[version];
  if (status) throw injected(status);
}

export function addAuditLogRoutes(router: Router, { audit }: FamilyContext): void {
  router.add("GET", "/accounts/{account_id}/logs/audit", (ctx) => {
    checkFault(ctx, "v2");
    return listV2(ctx.store, ctx.query, audit);
  });
  router.add("GET", "/accounts/{account_id}/audit_logs", (ctx) => {
    checkFault(ctx, "v1");
    return listV1(ctx.store, ctx.query, audit);
  });
}
