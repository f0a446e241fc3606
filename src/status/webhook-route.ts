// POST /webhooks/github. Everything that can be refused is refused before the body is read: a
// sender over its failure budget, a request without a signature header, a declared length over the
// limit, and a request past the cap on bodies in flight (in all, or from its address). The body is
// hashed as it streams in; a body that does not arrive whole in time, or is cut off, counts as a
// failed authentication for its address. Only a correctly signed body is parsed, and a delivery
// seen before (its id, or its very body under another id) runs nothing and has a budget of its own,
// so replays never use up the budget of real deliveries.
import type { IncomingMessage } from "node:http";
import type { Logger } from "../shared/logger.ts";
import { createHash } from "node:crypto";
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
  /** Replays answered per address (never counted against `verified`). */
  duplicates: RateLimiter;
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

/** The body and its SHA-256 when it is correctly signed, else undefined. A body that does not arrive whole counts as a failure. */
async function readSigned(request: IncomingMessage, secret: string, signature: string, address: string, deps: WebhookRouteDeps): Promise<{ body: Buffer; hash: string } | undefined> {
  const release = deps.gate.enter(address);
  const timer = setTimeout(() => request.destroy(new HttpError(408, "body-timeout", "the request body took too long")), deps.bodyTimeoutMs);
  try {
    const check = createSignatureCheck(secret);
    const hash = createHash("sha256");
    const body = await readBody(request, deps.maxBytes, (chunk) => {
      check.update(chunk);
      hash.update(chunk);
    });
    return check.matches(signature) ? { body, hash: hash.digest("hex") } : undefined;
  } catch (error) {
    // Slow, cut off or oversized: a sender that never proved it holds the secret, counted like a wrong signature.
    deps.failures.fail(address);
    deps.log.warn({ address, reason: error instanceof Error ? error.message : String(error) }, "webhook body not read whole; counted as a failed authentication");
    throw error;
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
      const signed = await readSigned(request, options.webhookSecret, signature, address, deps);
      if (!signed) throw badSignature(deps, address, delivery, true);
      const { body } = signed;
      const event = String(request.headers["x-github-event"] ?? "");
      if (!deps.deliveries.remember(typeof delivery === "string" ? delivery : undefined, signed.hash)) {
        deps.duplicates.take(address);
        deps.log.info({ delivery, event, address }, "webhook delivery received before; ignored");
        return sendJson(response, 200, { accepted: false, duplicate: true, event, reason: "this delivery was received before" });
      }
      deps.verified.take("github");
      if (event === "ping") return sendJson(response, 200, { ok: true, event });
      if (event !== "push") return sendJson(response, 202, { accepted: false, ignored: true, event, reason: "only push events trigger runs" });
      const push = parsePush(request, body);
      const reply = (await options.onPush?.(push)) ?? { accepted: true };
      deps.log.info({ ref: push.ref, after: push.after, delivery, accepted: reply.accepted }, "push webhook received");
      sendJson(response, 202, { ...reply, event, ref: push.ref, after: push.after });
    },
  };
}
