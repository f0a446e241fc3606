// The routes that change something: the manual trigger (bearer token) and the GitHub webhook (HMAC),
// sharing one count of failed authentications per client address (with the read token's check).
import type { Logger } from "../shared/logger.ts";
import type { IncomingMessage } from "node:http";
import { createFailureThrottle, createRateLimiter, type FailureThrottle } from "./admin-auth.ts";
import { createBodyGate } from "./body-gate.ts";
import { clientAddress } from "./client-address.ts";
import { createDeliveryLog } from "./delivery-log.ts";
import type { HttpLimits } from "./http-limits.ts";
import { reconcileRoute } from "./reconcile-route.ts";
import type { Route } from "./server-options.ts";
import { webhookRoute } from "./webhook-route.ts";

/** The failed-authentication count per client address, shared by these routes and the read token (read-auth.ts). */
export function authFailures(limits: HttpLimits, trustedProxies: ReadonlySet<string>): { failures: FailureThrottle; address(request: IncomingMessage): string } {
  return { failures: createFailureThrottle(limits.authFailures), address: (request) => clientAddress(request, trustedProxies) };
}

export function writeRoutes(limits: HttpLimits, auth: ReturnType<typeof authFailures>, log: Logger): Route[] {
  const { failures, address } = auth;
  return [
    reconcileRoute({ failures, authenticated: createRateLimiter(limits.reconcile.max, limits.reconcile.windowMs), address, log }),
    webhookRoute({
      failures, address, log,
      verified: createRateLimiter(limits.webhook.max, limits.webhook.windowMs),
      duplicates: createRateLimiter(limits.duplicates.max, limits.duplicates.windowMs),
      gate: createBodyGate(limits.bodiesInFlight, limits.bodiesPerAddress),
      deliveries: createDeliveryLog(limits.deliveryIds),
      maxBytes: limits.webhookBytes,
      bodyTimeoutMs: limits.bodyTimeoutMs,
    }),
  ];
}
