// The daemon's HTTP surface (DESIGN §11) on node:http: page, metrics, health, JSON API, SSE, manual trigger, webhook.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { silentLogger } from "../shared/logger.ts";
import { apiRoutes } from "./api-routes.ts";
import { createEventHub, type StatusEvent } from "./event-stream.ts";
import { peerAddress } from "./client-address.ts";
import { httpLimits } from "./http-limits.ts";
import { HttpError, securityHeaders, sendError } from "./http-util.ts";
import type { Route, RouteContext, StatusServerOptions } from "./server-options.ts";
import { createReadGuard, type ReadGuard } from "./read-auth.ts";
import { authFailures, writeRoutes } from "./write-routes.ts";

export type { ReconcileReply, ReconcileRequest, StatusServerOptions } from "./server-options.ts";

export interface StatusServer {
  server: Server;
  url: string;
  port: number;
  broadcast(event: StatusEvent): void;
  eventClients(): number;
  close(): Promise<void>;
}

async function dispatch(routes: Route[], guard: ReadGuard, context: RouteContext): Promise<void> {
  const method = context.request.method === "HEAD" ? "GET" : context.request.method;
  const matching = routes.filter((route) => route.pattern.test(context.url.pathname));
  if (matching.length === 0) throw new HttpError(404, "not-found", `no route for ${context.url.pathname}`);
  const route = matching.find((candidate) => candidate.method === method);
  if (!route) {
    const allow = [...new Set(matching.map((candidate) => candidate.method))].join(", ");
    throw new HttpError(405, "method-not-allowed", `${context.request.method} is not allowed here; use ${allow}`, { Allow: allow });
  }
  guard.check(context.request, route.access);
  const params = route.pattern.exec(context.url.pathname)?.slice(1) ?? [];
  await route.handle(context, params);
}

/** Only origin-form targets ("/path?query"); anything else (absolute URLs, "*", garbage) is refused, never thrown. */
function requestUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, "http://localhost");
  } catch {
    return undefined;
  }
}

/**
 * At most `maxConnections` open connections, and `connectionsPerAddress` from one address (not for
 * a trusted proxy, which carries everyone's); a connection idle for `idleTimeoutMs` (one that never
 * sends a request, or a keep-alive left open) is closed. Live-update streams turn their timeout off.
 */
function capConnections(server: Server, limits: ReturnType<typeof httpLimits>, trustedProxies: ReadonlySet<string>): void {
  server.maxConnections = limits.maxConnections;
  server.timeout = limits.idleTimeoutMs;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = peerAddress(socket);
    if (trustedProxies.has(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.connectionsPerAddress) return void socket.destroy();
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

export async function createStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const log = options.log ?? silentLogger();
  const limits = httpLimits(options.limits);
  const hub = options.events ?? createEventHub({ heartbeatMs: options.heartbeatMs ?? 15_000, maxClients: options.maxEventClients ?? 50, maxPerAddress: limits.eventClientsPerAddress });
  const auth = authFailures(limits, options.trustedProxies ?? new Set());
  const routes = [...apiRoutes(hub), ...writeRoutes(limits, auth, log)];
  const guard = createReadGuard({ access: options.readAccess ?? {}, ...(options.adminToken ? { adminToken: options.adminToken } : {}), ...auth, log });
  // Node checks the header and request timeouts every 30 s by default: a half-sent request could
  // then live 40 s. Checked every second, it is closed within the limit.
  const server = createServer({ headersTimeout: limits.idleTimeoutMs, requestTimeout: limits.idleTimeoutMs, connectionsCheckingInterval: 1_000 }, (request, response) => {
    securityHeaders(response);
    const url = requestUrl(request.url);
    if (!url) return sendError(response, new HttpError(400, "bad-request", "the request target must be a path starting with /"));
    dispatch(routes, guard, { request, response, url, options }).catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : new HttpError(500, "internal", "internal error; see the daemon log");
      if (!(error instanceof HttpError)) log.error({ err: error instanceof Error ? error.message : String(error), path: url.pathname }, "request failed");
      if (response.headersSent) return void response.destroy();
      // A body not read (refused early) is not read later either: close instead of draining it.
      if (!request.complete) response.setHeader("Connection", "close");
      sendError(response, httpError);
    });
  });
  capConnections(server, limits, options.trustedProxies ?? new Set());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`,
    broadcast: (event) => hub.broadcast(event),
    eventClients: () => hub.clients(),
    close: () => new Promise<void>((resolve) => {
      hub.close();
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    }),
  };
}
