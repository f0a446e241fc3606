// POST /api/reconcile: queue a run. Failed authentications count against the client's address, and
// an address over its budget has every further wrong token refused (429); the right token is never
// refused because others failed from its address (issue 22 item 8). Authenticated requests have a
// budget of their own.
import type { Logger } from "../shared/logger.ts";
import { requireBearer, type FailureThrottle, type RateLimiter } from "./admin-auth.ts";
import { HttpError, parseJson, readBody, sendJson } from "./http-util.ts";
import type { ReconcileRequest, Route } from "./server-options.ts";

function reconcileRequest(body: unknown): ReconcileRequest {
  const value = body as { kind?: unknown; stack?: unknown } | null;
  if (!value || typeof value !== "object" || (value.kind !== "apply" && value.kind !== "drift")) {
    throw new HttpError(400, "invalid-request", 'body must be {"kind":"apply"} or {"kind":"drift"}');
  }
  if (value.stack !== undefined && typeof value.stack !== "string") throw new HttpError(400, "invalid-request", "stack must be a string");
  return { kind: value.kind, ...(typeof value.stack === "string" ? { stack: value.stack } : {}) };
}

export function reconcileRoute(deps: { failures: FailureThrottle; authenticated: RateLimiter; address(request: Parameters<Route["handle"]>[0]["request"]): string; log: Logger }): Route {
  return {
    method: "POST", access: "own", pattern: /^\/api\/reconcile$/, handle: async ({ request, response, options }) => {
      const address = deps.address(request);
      try {
        requireBearer(request, options.adminToken);
      } catch (error) {
        // Only a wrong token is a guess; a request without one is refused as cheaply as it came.
        if (error instanceof HttpError && error.status === 401 && request.headers.authorization !== undefined) {
          deps.failures.check(address); // over the budget: 429, whatever was guessed
          deps.failures.fail(address);
          deps.log.warn({ address }, "manual trigger with a missing or wrong token refused");
        }
        throw error;
      }
      deps.authenticated.take("admin");
      const wanted = reconcileRequest(parseJson(await readBody(request, 16 * 1024)));
      if (!options.onReconcile) throw new HttpError(503, "not-ready", "the daemon is not accepting runs yet");
      const reply = await options.onReconcile(wanted);
      deps.log.info({ kind: wanted.kind, stack: wanted.stack, queued: reply.queued }, "manual run requested");
      sendJson(response, 202, { ...reply, kind: wanted.kind });
    },
  };
}
