// The read-only routes: page, metrics, health, JSON API and live events.
import { clientAddress } from "./client-address.ts";
import type { EventHub } from "./event-stream.ts";
import { HttpError, securityHeaders, sendJson, sendText } from "./http-util.ts";
import { pageCsp, renderStatusPage } from "./page/render.ts";
import type { Route, RouteContext } from "./server-options.ts";

function requireHistory(context: RouteContext) {
  if (!context.options.history) throw new HttpError(503, "no-history", "history is not available");
  return context.options.history;
}

function limitParam(url: URL): number {
  const raw = url.searchParams.get("limit");
  if (raw === null) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, "invalid-limit", "limit must be an integer from 1 to 500");
  return limit;
}

function driftOf(context: RouteContext) {
  const history = requireHistory(context);
  const wanted = context.url.searchParams.get("stack");
  const stacks = wanted === null ? history.stacks() : [wanted];
  return stacks.map((stack) => {
    const drift = history.latestDrift(stack);
    return drift
      ? { stack, checkedAt: drift.run.finishedAt ?? drift.run.startedAt, runId: drift.run.id, commit: drift.run.commit ?? null, count: drift.items.length, items: drift.items, attribution: drift.run.attribution ?? null }
      : { stack, checkedAt: null, runId: null, commit: null, count: 0, items: [], attribution: null };
  });
}

export function apiRoutes(hub: EventHub): Route[] {
  return [
    {
      method: "GET", access: "read", pattern: /^\/(?:index\.html)?$/, handle: async ({ response, options }) => {
        securityHeaders(response, pageCsp);
        sendText(response, 200, "text/html; charset=utf-8", renderStatusPage(await options.getStatus(), { live: true }));
      },
    },
    {
      method: "GET", access: "metrics", pattern: /^\/metrics$/, handle: async ({ response, options }) => {
        sendText(response, 200, options.metrics.registry.contentType, await options.metrics.registry.metrics());
      },
    },
    { method: "GET", access: "public", pattern: /^\/healthz$/, handle: ({ response }) => sendJson(response, 200, { status: "ok" }) },
    {
      method: "GET", access: "public", pattern: /^\/readyz$/, handle: ({ response, options }) => {
        const ready = options.isReady?.() ?? true;
        sendJson(response, ready ? 200 : 503, { status: ready ? "ready" : "starting" });
      },
    },
    { method: "GET", access: "read", pattern: /^\/(?:api\/status|status\.json)$/, handle: async ({ response, options }) => sendJson(response, 200, await options.getStatus()) },
    {
      method: "GET", access: "read", pattern: /^\/api\/runs$/, handle: (context) => {
        const stack = context.url.searchParams.get("stack") ?? undefined;
        const runs = requireHistory(context).listRuns({ limit: limitParam(context.url), ...(stack ? { stack } : {}) });
        sendJson(context.response, 200, { runs });
      },
    },
    {
      method: "GET", access: "read", pattern: /^\/api\/runs\/([^/]+)$/, handle: (context, [id]) => {
        if (!/^\d{1,15}$/.test(id ?? "")) throw new HttpError(400, "invalid-run-id", "a run id is a positive integer");
        const run = requireHistory(context).getRun(Number(id));
        if (!run) throw new HttpError(404, "run-not-found", `no run #${id}`);
        sendJson(context.response, 200, run);
      },
    },
    { method: "GET", access: "read", pattern: /^\/api\/drift$/, handle: (context) => sendJson(context.response, 200, { stacks: driftOf(context) }) },
    { method: "GET", access: "read", pattern: /^\/api\/events$/, handle: ({ request, response, options }) => hub.open(request, response, clientAddress(request, options.trustedProxies ?? new Set())) },
  ];
}
