// The request pipeline: control routes, then latency, faults, auth, body, route, envelope, stats.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { actorFor, type UsersOption } from "./audit/actors.ts";
import type { AuditNames } from "./audit/names.ts";
import { recordAudit } from "./audit/recorder.ts";
import { checkAuth } from "./auth.ts";
import { ApiFailure, errorEnvelope, okEnvelope, type HandlerResult } from "./envelope.ts";
import type { FaultInjector } from "./faults.ts";
import type { Router } from "./router.ts";
import type { StatsRecorder } from "./stats.ts";
import type { EmulatorStore } from "./store.ts";

export const apiPrefix = "/client/v4";
const maxBodyBytes = 64 * 1024 * 1024;

export interface PipelineDeps {
  router: Router;
  control: Router;
  store: EmulatorStore;
  stats: StatsRecorder;
  faults: FaultInjector;
  tokens: readonly string[] | undefined;
  /** Token -> the user the audit log names. */
  users: UsersOption;
  /** Every family's audit names, by resource. */
  audit: ReadonlyMap<string, AuditNames>;
  /** Called after a request that changed state succeeded. */
  onWrite: () => void;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new ApiFailure(413, [{ code: 1001, message: "Request body too large" }]);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure(400, [{ code: 6007, message: "Malformed JSON in request body" }]);
  }
}

function newRayId(): string {
  return `${randomBytes(8).toString("hex")}-EMU`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, ray = newRayId()): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cf-ray": ray,
    ...headers,
  });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorEnvelope([{ code: 10002, message: `Emulator error: ${String(error)}` }]));
      else res.destroy();
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  if (url.pathname.startsWith("/__emulator/")) return handleControl(deps, method, url, req, res);

  const path = url.pathname.startsWith(`${apiPrefix}/`) ? url.pathname.slice(apiPrefix.length) : undefined;
  const match = path === undefined ? ({ kind: "not-found" } as const) : deps.router.match(method, path);
  const route = match.kind === "found" ? match.route.template : match.kind === "method-not-allowed" ? match.template : "(no route)";
  let status = 500;
  const ray = newRayId();
  try {
    if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs);
    deps.faults.check(method, route, path ?? url.pathname);
    const token = checkAuth(req.headers.authorization, deps.tokens);
    if (match.kind === "not-found") throw new ApiFailure(404, [{ code: 7000, message: "No route for that URI" }]);
    if (match.kind === "method-not-allowed") throw new ApiFailure(405, [{ code: 7001, message: `Method ${method} not allowed for this route` }]);
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const actor = actorFor(req, token, deps.users);
    const context = { method, path: path!, params: match.params, query: url.searchParams, body, store: deps.store, faults: deps.faults, actor };
    const result: HandlerResult = await match.route.handler(context);
    status = result.status ?? 200;
    if (result.audit && result.audit.length > 0) {
      recordAudit(deps.store, result.audit, actor, { method, uri: `${url.pathname}${url.search}`, status, rayId: ray, userAgent: String(req.headers["user-agent"] ?? "") }, deps.audit);
    }
    if (status === 204) {
      res.writeHead(204, { "cf-ray": ray, ...result.headers });
      res.end();
    } else {
      send(res, status, okEnvelope(result.result, result.resultInfo, result.messages), result.headers, ray);
    }
    if (match.route.writes) deps.onWrite();
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    status = error.status;
    send(res, status, errorEnvelope(error.errors), error.headers, ray);
  } finally {
    deps.stats.record({ method, route, status });
  }
}

async function handleControl(deps: PipelineDeps, method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = url.pathname.slice("/__emulator".length);
  const match = deps.control.match(method, path);
  try {
    if (match.kind !== "found") throw new ApiFailure(404, [{ code: 7000, message: `No emulator control route ${method} ${url.pathname}` }]);
    const body = method === "GET" ? undefined : await readBody(req);
    const result = await match.route.handler({ method, path, params: match.params, query: url.searchParams, body, store: deps.store, faults: deps.faults });
    send(res, result.status ?? 200, okEnvelope(result.result));
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    send(res, error.status, errorEnvelope(error.errors), error.headers);
  }
}
