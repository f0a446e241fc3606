// The routes that change something: the manual trigger (bearer token) and the GitHub webhook (HMAC).
import type { Logger } from "../shared/logger.ts";
import { requireBearer, type RateLimiter } from "./admin-auth.ts";
import { verifyPayload } from "../shared/hmac-signature.ts";
import { parsePush } from "./github-webhook.ts";
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

export function writeRoutes(limiter: RateLimiter, log: Logger): Route[] {
  return [
    {
      method: "POST", pattern: /^\/api\/reconcile$/, handle: async ({ request, response, options }) => {
        // Throttle before authenticating, so the token cannot be guessed at speed either.
        limiter.take(request.socket.remoteAddress ?? "unknown");
        requireBearer(request, options.adminToken);
        const wanted = reconcileRequest(parseJson(await readBody(request, 16 * 1024)));
        if (!options.onReconcile) throw new HttpError(503, "not-ready", "the daemon is not accepting runs yet");
        const reply = await options.onReconcile(wanted);
        log.info({ kind: wanted.kind, stack: wanted.stack, queued: reply.queued }, "manual run requested");
        sendJson(response, 202, { ...reply, kind: wanted.kind });
      },
    },
    {
      method: "POST", pattern: /^\/webhooks\/github$/, handle: async ({ request, response, options }) => {
        if (!options.webhookSecret) throw new HttpError(503, "webhook-disabled", "webhooks are disabled: set CFGITOPS_WEBHOOK_SECRET to enable them");
        const body = await readBody(request, options.maxWebhookBytes ?? 5 * 1024 * 1024);
        const signature = request.headers["x-hub-signature-256"];
        if (!verifyPayload(options.webhookSecret, body, typeof signature === "string" ? signature : undefined)) {
          log.warn({ delivery: request.headers["x-github-delivery"] }, "webhook with a missing or bad signature refused");
          throw new HttpError(401, "bad-signature", "missing or invalid X-Hub-Signature-256");
        }
        const event = String(request.headers["x-github-event"] ?? "");
        if (event === "ping") return sendJson(response, 200, { ok: true, event });
        if (event !== "push") return sendJson(response, 202, { accepted: false, ignored: true, event, reason: "only push events trigger runs" });
        const push = parsePush(request, body);
        const reply = (await options.onPush?.(push)) ?? { accepted: true };
        log.info({ ref: push.ref, after: push.after, accepted: reply.accepted }, "push webhook received");
        sendJson(response, 202, { ...reply, event, ref: push.ref, after: push.after });
      },
    },
  ];
}
