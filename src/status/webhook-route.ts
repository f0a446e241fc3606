// POST /webhooks/github. Everything that can be refused is refused before the body is read: a
// sender over its failure budget, a request without a signature header, a declared length over the
// limit, and a request past the cap on bodies in flight. The body is hashed as it streams in; only
// a correctly signed one is parsed, and a delivery id seen before runs nothing.
import type { IncomingMessage } from "node:http";
import type { Logger } from "../shared/logger.ts";
import { createSignatureCheck, isSignatureHeader } from "../shared/hmac-signature.ts";
import type { FailureThrottle, RateLimiter } from "./admin-auth.ts";
import type { BodyGate } from "./body-gate.ts";
import type { DeliveryLog } from "./delivery-log.ts";
import { parsePush } from "./github-webhook.ts";
import { checkDeclaredLength, HttpError, readBody, sendJson } from "./http-util.ts";
import type { Route } from "./server-options.ts";

export interface WebhookRouteDeps {
  failures: FailureThrottle;
  verified: RateLimiter;
  gate: BodyGate;
  deliveries: DeliveryLog;
  maxBytes: number;
  bodyTimeoutMs: number;
  address(request: IncomingMessage): string;
  log: Logger;
}

/** A wrong signature counts as a failed authentication; a missing one is refused without counting. */
function badSignature(deps: WebhookRouteDeps, address: string, delivery: unknown, presented: boolean): HttpError {
  if (presented) deps.failures.fail(address);
  deps.log.warn({ address, delivery }, "webhook with a missing or bad signature refused");
  return new HttpError(401, "bad-signature", "missing or invalid X-Hub-Signature-256");
}

async function readSigned(request: IncomingMessage, secret: string, signature: string, deps: WebhookRouteDeps): Promise<Buffer | undefined> {
  const release = deps.gate.enter();
  const timer = setTimeout(() => request.destroy(new HttpError(408, "body-timeout", "the request body took too long")), deps.bodyTimeoutMs);
  try {
    const check = createSignatureCheck(secret);
    const body = await readBody(request, deps.maxBytes, (chunk) => check.update(chunk));
    return check.matches(signature) ? body : undefined;
  } finally {
    clearTimeout(timer);
    release();
  }
}

export function webhookRoute(deps: WebhookRouteDeps): Route {
  return {
    method: "POST", access: "own", pattern: /^\/webhooks\/github$/, handle: async ({ request, response, options }) => {
      if (!options.webhookSecret) throw new HttpError(503, "webhook-disabled", "webhooks are disabled: set CFGITOPS_WEBHOOK_SECRET to enable them");
      const address = deps.address(request);
      const delivery = request.headers["x-github-delivery"];
      deps.failures.check(address);
      const signature = request.headers["x-hub-signature-256"];
      if (typeof signature !== "string" || !isSignatureHeader(signature)) throw badSignature(deps, address, delivery, false);
      checkDeclaredLength(request, deps.maxBytes);
      const body = await readSigned(request, options.webhookSecret, signature, deps);
      if (!body) throw badSignature(deps, address, delivery, true);
      deps.verified.take("github");
      const event = String(request.headers["x-github-event"] ?? "");
      if (typeof delivery === "string" && !deps.deliveries.remember(delivery)) {
        deps.log.info({ delivery, event }, "webhook delivery received before; ignored");
        return sendJson(response, 200, { accepted: false, duplicate: true, event, reason: "this delivery was received before" });
      }
      if (event === "ping") return sendJson(response, 200, { ok: true, event });
      if (event !== "push") return sendJson(response, 202, { accepted: false, ignored: true, event, reason: "only push events trigger runs" });
      const push = parsePush(request, body);
      const reply = (await options.onPush?.(push)) ?? { accepted: true };
      deps.log.info({ ref: push.ref, after: push.after, delivery, accepted: reply.accepted }, "push webhook received");
      sendJson(response, 202, { ...reply, event, ref: push.ref, after: push.after });
    },
  };
}
