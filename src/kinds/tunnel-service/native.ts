// Tunnel services -> one configurations PUT per tunnel: every ingress rule, the catch-all last.
import type { TunnelServiceValue } from "./normalise.ts";

export interface IngressRule {
  hostname?: string;
  service: string;
  path?: string;
  originRequest?: Record<string, unknown>;
}

export const catchAll: IngressRule = { service: "http_status:404" };

/** Path-specific rules come before the bare hostname so cloudflared matches them first. */
export function ingressRules(services: TunnelServiceValue[]): IngressRule[] {
  const ordered = [...services].sort((a, b) => {
    if (a.hostname !== b.hostname) return a.hostname < b.hostname ? -1 : 1;
    return (b.path ?? "").length - (a.path ?? "").length;
  });
  const rules = ordered.map((service) => {
    const rule: IngressRule = { hostname: service.hostname, service: service.service };
    if (service.path) rule.path = service.path;
    if (service.originRequest) rule.originRequest = service.originRequest;
    return rule;
  });
  return [...rules, catchAll];
}

/** The PUT body, keeping whatever else the live configuration holds (warp-routing, originRequest). */
export function tunnelConfigBody(liveConfig: Record<string, unknown> | undefined, services: TunnelServiceValue[]): {
  config: Record<string, unknown>;
} {
  return { config: { ...(liveConfig ?? {}), ingress: ingressRules(services) } };
}
