// A service published through a tunnel = one ingress rule on the tunnel's configuration.
import type { TunnelServiceSpec } from "../../desired-state/types.ts";
import { canonicalHost } from "../dns-record/identity.ts";

export interface TunnelServiceValue {
  hostname: string;
  service: string; // the origin: http://localhost:3000, ssh://..., http_status:404
  path?: string;
  originRequest?: Record<string, unknown>;
  tunnel: string; // the tunnel's name in the stack (or its id when unknown)
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = value[key];
  return out;
}

function build(raw: { hostname: string; service: string; path?: unknown; originRequest?: unknown; tunnel: string }): TunnelServiceValue {
  const value: TunnelServiceValue = { hostname: canonicalHost(raw.hostname), service: raw.service.trim(), tunnel: raw.tunnel };
  if (typeof raw.path === "string" && raw.path !== "") value.path = raw.path;
  const origin = raw.originRequest;
  if (typeof origin === "object" && origin !== null && Object.keys(origin).length > 0) {
    value.originRequest = sortKeys(origin as Record<string, unknown>);
  }
  return value;
}

export function tunnelServiceFromSpec(spec: TunnelServiceSpec): TunnelServiceValue {
  return build({ hostname: spec.hostname, service: spec.origin, path: spec.path, originRequest: spec.originRequest, tunnel: spec.tunnel });
}

/** One ingress rule of `GET …/cfd_tunnel/{id}/configurations`; the catch-all (no hostname) is not a service. */
export function tunnelServiceFromLive(rule: Record<string, unknown>, tunnel: string): TunnelServiceValue | undefined {
  if (typeof rule.hostname !== "string" || rule.hostname === "") return undefined;
  return build({ hostname: rule.hostname, service: String(rule.service ?? ""), path: rule.path, originRequest: rule.originRequest, tunnel });
}

/** Matching key of an ingress rule within its tunnel. */
export function ingressKey(tunnelId: string, value: { hostname: string; path?: string }): string {
  return `tunnel/${tunnelId}/${value.hostname}${value.path ?? ""}`;
}

/** The proxied CNAME every tunnel service needs. */
export function tunnelCnameTarget(tunnelId: string): string {
  return `${tunnelId}.cfargotunnel.com`;
}
