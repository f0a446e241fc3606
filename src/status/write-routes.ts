// The routes that change something: the manual trigger (bearer token) and the GitHub webhook (HMAC),
// sharing one count of failed authentications per client address.
import type { Logger } from "../shared/logger.ts";
import { createFailureThrottle, createRateLimiter } from "./admin-auth.ts";
import { createBodyGate } from "./body-gate.ts";
import { clientAddress } from "./client-address.ts";
import { createDeliveryLog } from "./delivery-log.ts";
import type { HttpLimits } from "./http-limits.ts";
import { reconcileRoute } from "./reconcile-route.ts";
import type { Route } from "./server-options.ts";
import { webhookRoute } from "./webhook-route.ts";

export function writeRoutes(limits: HttpLimits, trustedProxies: ReadonlySet<string>, log: Logger): Route[] {
  const failures = createFailureThrottle(limits.authFailures);
  const address = (request: Parameters<typeof clientAddress>[0]) => clientAddress(request, trustedProxies);
  return [
    reconcileRoute({ failures, authenticated: createRateLimiter(limits.reconcile.max, limits.reconcile.windowMs), address, log }),
    webhookRoute({
      failures, address, log,
      verified: createRateLimiter(limits.webhook.max, limits.webhook.windowMs),
      gate: createBodyGate(limits.bodiesInFlight),
      deliveries: createDeliveryLog(limits.deliveryIds),
      maxBytes: limits.webhookBytes,
      bodyTimeoutMs: limits.bodyTimeoutMs,
    }),
  ];
}
