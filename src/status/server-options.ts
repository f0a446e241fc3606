// What the HTTP server is given, and what each route sees. Routes and the server both import this
// module, never each other.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HistoryStore } from "../history/store.ts";
import type { Logger } from "../shared/logger.ts";
import type { EventHub } from "./event-stream.ts";
import type { PushEvent } from "./github-webhook.ts";
import type { ReadAccess, RouteAccess } from "./read-auth.ts";
import type { HttpLimits } from "./http-limits.ts";
import type { Metrics } from "./metrics.ts";
import type { StatusModel } from "./model.ts";

export interface ReconcileRequest {
  kind: "apply" | "drift";
  stack?: string;
}

export interface ReconcileReply {
  queued: boolean;
  [key: string]: unknown;
}

export interface StatusServerOptions {
  /** Default 127.0.0.1; use 0.0.0.0 to serve the LAN. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  metrics: Metrics;
  history?: HistoryStore;
  getStatus(): StatusModel | Promise<StatusModel>;
  isReady?(): boolean;
  onReconcile?(request: ReconcileRequest): ReconcileReply | Promise<ReconcileReply>;
  /** Called for every correctly signed push; the daemon decides whether the branch is tracked. */
  onPush?(event: PushEvent): void | { accepted: boolean; reason?: string } | Promise<void | { accepted: boolean; reason?: string }>;
  adminToken?: string;
  /** CFGITOPS_READ_TOKEN and CFGITOPS_PROTECT_METRICS (read-auth.ts); unset: reading is open. */
  readAccess?: ReadAccess;
  webhookSecret?: string;
  log?: Logger;
  /** Budgets and body limits; defaults in http-limits.ts. */
  limits?: Partial<HttpLimits>;
  /** Proxies whose X-Forwarded-For is believed (CFGITOPS_TRUSTED_PROXIES); none by default. */
  trustedProxies?: ReadonlySet<string>;
  /** Live updates; the daemon creates the hub so runs can broadcast before the server exists. */
  events?: EventHub;
  heartbeatMs?: number;
  maxEventClients?: number;
}

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  options: StatusServerOptions;
}

export type RouteHandler = (context: RouteContext, params: string[]) => void | Promise<void>;

export interface Route {
  method: "GET" | "POST";
  access: RouteAccess;
  pattern: RegExp;
  handle: RouteHandler;
}
