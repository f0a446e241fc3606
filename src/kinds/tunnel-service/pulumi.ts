// Pulumi mapping of tunnel services: one ZeroTrustTunnelCloudflaredConfig per tunnel whose ingress
// gathers every service on it (catch-all last), plus each service's proxied CNAME to the tunnel.
import type { DnsRecordArgs, ZeroTrustTunnelCloudflaredConfigArgs, types } from "@pulumi/cloudflare";
import type { TunnelServiceSpec } from "../../desired-state/types.ts";

export const catchAllService = "http_status:404";

type Ingress = types.input.ZeroTrustTunnelCloudflaredConfigConfigIngress;
type OriginRequest = types.input.ZeroTrustTunnelCloudflaredConfigConfigIngressOriginRequest;
type BooleanKey = "disableChunkedEncoding" | "http2Origin" | "matchSnItoHost" | "noHappyEyeballs" | "noTlsVerify";
type NumberKey = "connectTimeout" | "keepAliveConnections" | "keepAliveTimeout" | "tcpKeepAlive" | "tlsTimeout";
type StringKey = "caPool" | "httpHostHeader" | "originServerName" | "proxyType";

/** Lower-cased, separator-free spelling (cloudflared's, the API's or snake_case) -> provider key. */
const booleanKeys: Record<string, BooleanKey> = {
  disablechunkedencoding: "disableChunkedEncoding", http2origin: "http2Origin", matchsnitohost: "matchSnItoHost",
  nohappyeyeballs: "noHappyEyeballs", notlsverify: "noTlsVerify",
};
const numberKeys: Record<string, NumberKey> = {
  connecttimeout: "connectTimeout", keepaliveconnections: "keepAliveConnections", keepalivetimeout: "keepAliveTimeout",
  tcpkeepalive: "tcpKeepAlive", tlstimeout: "tlsTimeout",
};
const stringKeys: Record<string, StringKey> = {
  capool: "caPool", httphostheader: "httpHostHeader", originservername: "originServerName", proxytype: "proxyType",
};

/** Durations may be written as "30s", "1m" or seconds. */
function seconds(value: unknown): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)\s*(ms|s|m|h)?$/.exec(String(value).trim());
  if (!match) return Number(value);
  const amount = Number(match[1]);
  const unit = match[2] ?? "s";
  return unit === "ms" ? Math.round(amount / 1000) : unit === "m" ? amount * 60 : unit === "h" ? amount * 3600 : amount;
}

export function originRequestArgs(options: Record<string, unknown>): OriginRequest {
  const out: OriginRequest = {};
  for (const [key, value] of Object.entries(options)) {
    const folded = key.toLowerCase().replace(/[_-]/g, "");
    if (booleanKeys[folded]) out[booleanKeys[folded]] = value === true;
    else if (numberKeys[folded]) out[numberKeys[folded]] = seconds(value);
    else if (stringKeys[folded]) out[stringKeys[folded]] = String(value);
    else if (folded === "access" && typeof value === "object" && value !== null) {
      const access = value as Record<string, unknown>;
      const tags = access.audTag ?? access.audTags ?? access.aud_tag ?? [];
      out.access = {
        audTags: Array.isArray(tags) ? tags.map(String) : [String(tags)],
        teamName: String(access.teamName ?? access.team_name ?? ""),
        required: access.required === true,
      };
    }
  }
  return out;
}

/** Most specific first: by hostname, a rule with a path before the hostname's catch-all. */
export function orderServices(services: TunnelServiceSpec[]): TunnelServiceSpec[] {
  return [...services].sort(
    (a, b) =>
      a.hostname.localeCompare(b.hostname) ||
      (b.path ?? "").length - (a.path ?? "").length ||
      (a.path ?? "").localeCompare(b.path ?? "") ||
      a.service.localeCompare(b.service),
  );
}

export function ingressRule(service: TunnelServiceSpec): Ingress {
  const rule: Ingress = { hostname: service.hostname, service: service.origin };
  if (service.path !== undefined) rule.path = service.path;
  if (service.originRequest && Object.keys(service.originRequest).length > 0) {
    rule.originRequest = originRequestArgs(service.originRequest);
  }
  return rule;
}

export function tunnelConfigArgs(accountId: string, tunnelId: string, services: TunnelServiceSpec[]): ZeroTrustTunnelCloudflaredConfigArgs {
  return {
    accountId,
    tunnelId,
    config: { ingresses: [...orderServices(services).map(ingressRule), { service: catchAllService }] },
  };
}

export function tunnelCnameTarget(tunnelId: string): string {
  return `${tunnelId}.cfargotunnel.com`;
}

export function tunnelCnameArgs(zoneId: string, service: TunnelServiceSpec, tunnelId: string): DnsRecordArgs {
  return { zoneId, name: service.hostname, type: "CNAME", content: tunnelCnameTarget(tunnelId), proxied: true, ttl: 1, tags: [] };
}

/** A tunnel config's Pulumi state (inputs or outputs) -> its ingress rules, catch-all included. */
export function tunnelStateToApiIngress(state: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const config = state?.config;
  const ingresses = typeof config === "object" && config !== null ? (config as Record<string, unknown>).ingresses : undefined;
  if (!Array.isArray(ingresses)) return [];
  return ingresses
    .filter((rule): rule is Record<string, unknown> => typeof rule === "object" && rule !== null)
    .map((rule) => {
      const api: Record<string, unknown> = { ...rule };
      const origin = rule.originRequest;
      if (typeof origin === "object" && origin !== null) {
        const kept = Object.entries(origin).filter(([, value]) => value !== null && value !== undefined);
        if (kept.length > 0) api.originRequest = Object.fromEntries(kept);
        else delete api.originRequest;
      }
      return api;
    });
}

/** Matching key of a service within its tunnel (hostname + path). */
export function ingressKey(rule: { hostname: string; path?: string }): string {
  return `${rule.hostname.toLowerCase()}${rule.path ?? ""}`;
}
