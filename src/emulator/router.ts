// A small router over route templates written as in the OpenAPI spec: /zones/{zone_id}/dns_records.
import type { AuditActor } from "./audit/types.ts";
import type { HandlerResult } from "./envelope.ts";
import type { FaultInjector } from "./faults.ts";
import type { EmulatorStore } from "./store.ts";

export interface RequestContext {
  method: string;
  /** Path below /client/v4, e.g. /zones/abc/dns_records. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: EmulatorStore;
  faults: FaultInjector;
  /** Who is asking (from the token, or the dashboard header); undefined on control routes. */
  actor?: AuditActor;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

export interface Route {
  method: string;
  template: string;
  handler: Handler;
  /** Changes state (so the state file is rewritten after it succeeds). */
  writes: boolean;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; template: string }
  | { kind: "not-found" };

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(method: string, template: string, handler: Handler): this {
    const writes = method !== "GET";
    this.routes.push({ method, template, handler, writes, segments: template.split("/").filter(Boolean) });
    return this;
  }

  /** The routes in the order they match (for tests that check every route). */
  list(): Array<Pick<Route, "method" | "template" | "writes">> {
    return this.routes.map(({ method, template, writes }) => ({ method, template, writes }));
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split("/").filter(Boolean);
    let templateOnly: string | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: "found", route, params };
      templateOnly ??= route.template;
    }
    return templateOnly ? { kind: "method-not-allowed", template: templateOnly } : { kind: "not-found" };
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith("{") && segment.endsWith("}")) {
      params[segment.slice(1, -1)] = decodeURIComponent(part);
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
