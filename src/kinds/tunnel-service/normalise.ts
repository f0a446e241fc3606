// A service published through a tunnel = one ingress rule on the tunnel's configuration. One
// matching key and one ingress order, so both engines send cloudflared the same rules.
import { canonicalHost } from "../shared/names.ts";
import type { TunnelServiceSpec } from "./spec.ts";
import { compareText } from "../../shared/compare-text.ts";

export const tunnelServiceKindId = "tunnel-service" as const;

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

/** An ingress rule's identity within its tunnel: hostname + path. */
export function ingressKey(value: { hostname: string; path?: string | undefined }): string {
  return `${value.hostname.toLowerCase()}${value.path ?? ""}`;
}

/** The diff's matching key of an ingress rule: its tunnel and ingressKey. */
export function tunnelServiceKey(tunnelId: string, value: { hostname: string; path?: string | undefined }): string {
  return `tunnel/${tunnelId}/${ingressKey(value)}`;
}

/** cloudflared matches in order: by hostname, a rule with a (longer) path before the hostname's bare rule. */
export function orderIngress<T extends { hostname: string; path?: string | undefined; service: string }>(rules: readonly T[]): T[] {
  return [...rules].sort(
    (a, b) =>
      compareText(a.hostname, b.hostname) ||
      (b.path ?? "").length - (a.path ?? "").length ||
      compareText(a.path ?? "", b.path ?? "") ||
      compareText(a.service, b.service),
  );
}

/** The rule every configuration ends with. */
export const catchAllService = "http_status:404";

/** The proxied CNAME every tunnel service needs. */
export function tunnelCnameTarget(tunnelId: string): string {
  return `${tunnelId}.cfargotunnel.com`;
}
