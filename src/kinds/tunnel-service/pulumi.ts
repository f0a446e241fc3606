// The Pulumi engine's tunnel adapter: one ZeroTrustTunnelCloudflaredConfig per tunnel the stack
// names, whose ingress gathers every service on it (in the shared ingress order, catch-all last;
// only the catch-all when it has none). Each service's CNAME is a dns-record resource, declared by
// the DNS adapter.
import type { ZeroTrustTunnelCloudflaredConfigArgs, types } from "@pulumi/cloudflare";
import type { CustomResource } from "@pulumi/pulumi";
import type { DeclareContext, PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { applicationLogicalName } from "../access-application/pulumi.ts";
import { decodeLogicalName, encodeLogicalName } from "../../engines/pulumi/names.ts";
import type { Resource } from "../../plan/resources.ts";
import type { TunnelMeta } from "./native.ts";
import { serviceResource } from "./expand.ts";
import { catchAllService, ingressKey, orderIngress, tunnelServiceFromLive, tunnelServiceKey, tunnelServiceKindId, type TunnelServiceValue } from "./normalise.ts";
import { compareText } from "../../shared/compare-text.ts";
import { stableJson } from "../../plan/diff.ts";

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

export function ingressRule(service: TunnelServiceValue): Ingress {
  const rule: Ingress = { hostname: service.hostname, service: service.service };
  if (service.path !== undefined) rule.path = service.path;
  if (service.originRequest && Object.keys(service.originRequest).length > 0) rule.originRequest = originRequestArgs(service.originRequest);
  return rule;
}

export function tunnelConfigArgs(accountId: string, tunnelId: string, services: TunnelServiceValue[]): ZeroTrustTunnelCloudflaredConfigArgs {
  return { accountId, tunnelId, config: { ingresses: [...orderIngress(services).map(ingressRule), { service: catchAllService }] } };
}

/**
 * cloudflared's defaults (Cloudflare's API schema), in the provider's spelling: the API fills them
 * into every ingress rule's originRequest, so a rule that sets none of them reads back with all of them.
 */
export const cloudflaredOriginDefaults: Readonly<Record<string, unknown>> = {
  connectTimeout: 10, tlsTimeout: 10, tcpKeepAlive: 30, keepAliveConnections: 100, keepAliveTimeout: 90,
  noHappyEyeballs: false, noTlsVerify: false, disableChunkedEncoding: false, http2Origin: false, matchSnItoHost: false,
  caPool: "", originServerName: "", proxyType: "", httpHostHeader: "",
};

/** What an originRequest means: no nulls, and nothing that only restates a cloudflared default. */
export function originMeaning(origin: unknown): Record<string, unknown> {
  if (typeof origin !== "object" || origin === null) return {};
  return Object.fromEntries(Object.entries(origin).filter(([key, value]) => value !== null && value !== undefined && !(key in cloudflaredOriginDefaults && cloudflaredOriginDefaults[key] === value)));
}

function withoutNulls(origin: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(origin).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * Where the state holds an ingress rule (same hostname and path; the catch-all by its service)
 * whose originRequest means the same as the desired one once cloudflared's defaults are set
 * aside, the state's spelling is sent, defaults and all, so the same rule never shows an update.
 */
export function keepOriginSpelling(args: ZeroTrustTunnelCloudflaredConfigArgs, state: Record<string, unknown> | undefined): ZeroTrustTunnelCloudflaredConfigArgs {
  const held = tunnelStateToApiIngress(state);
  if (held.length === 0) return args;
  const key = (rule: { hostname?: unknown; path?: unknown; service?: unknown }) => (typeof rule.hostname === "string" && rule.hostname !== "" ? `${rule.hostname}\n${typeof rule.path === "string" ? rule.path : ""}` : `catch-all\n${String(rule.service)}`);
  const byKey = new Map(held.map((rule) => [key(rule), rule]));
  const config = args.config as { ingresses: Ingress[] };
  const ingresses = config.ingresses.map((rule) => {
    const same = byKey.get(key(rule as { hostname?: unknown; path?: unknown; service?: unknown }));
    const origin = same?.originRequest;
    if (typeof origin !== "object" || origin === null || stableJson(originMeaning(origin)) !== stableJson(originMeaning(rule.originRequest))) return rule;
    return { ...rule, originRequest: withoutNulls(origin as Record<string, unknown>) as OriginRequest };
  });
  return { ...args, config: { ...config, ingresses } };
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

/** The Access applications of a tunnel's hostnames: created before their ingress rules route, deleted after. */
export function accessDependencies(services: TunnelServiceValue[], ctx: Pick<DeclareContext, "declared">): { dependsOn?: CustomResource[] } {
  const apps = [...new Set(services.map((service) => service.hostname))].flatMap((hostname) => ctx.declared?.get(applicationLogicalName(hostname)) ?? []);
  return apps.length > 0 ? { dependsOn: apps } : {};
}

export function tunnelConfigName(tunnel: string): string {
  return encodeLogicalName(`tunnels/${tunnel}`);
}

export const pulumi: PulumiAdapter = {
  kind: tunnelServiceKindId,
  type: "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig",
  shape: "group",
  logicalName: (resource) => tunnelConfigName(String(resource.value.tunnel)),
  scopeName: (tunnelId, names) => tunnelConfigName(names.get(tunnelId) ?? tunnelId),
  adoptIgnoring: ["config", "source"],
  declare(resources, ctx) {
    // every tunnel the stack names is declared, one without services with only the catch-all: the
    // provider's delete leaves the ingress routing, so a configuration is never deleted
    const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs]));
    const byTunnel = new Map<string, Resource[]>([...ctx.claimed].map((tunnelId) => [tunnelId, []]));
    for (const resource of resources) byTunnel.set(resource.scope, [...(byTunnel.get(resource.scope) ?? []), resource]);
    /** tunnel name -> ingress key (hostname + path) -> service name (for `pulumi stack output`). */
    const ingressServices: Record<string, Record<string, string>> = {};
    for (const [tunnelId, services] of [...byTunnel].sort(([a], [b]) => compareText(a, b))) {
      const values = services.map((service) => service.value as unknown as TunnelServiceValue);
      const tunnel = values[0]?.tunnel ?? ctx.names.get(tunnelId) ?? tunnelId;
      const name = tunnelConfigName(tunnel);
      new ctx.cloudflare.ZeroTrustTunnelCloudflaredConfig(name, keepOriginSpelling(tunnelConfigArgs(ctx.accountId, tunnelId, values), held.get(name)), { ...ctx.opts(name), ...accessDependencies(values, ctx) });
      ingressServices[tunnel] = Object.fromEntries(services.map((service) => [ingressKey(service.value as unknown as TunnelServiceValue), service.id.replace(/^services\//, "")]));
    }
    return { ingressServices };
  },
  fromState(name, state, ctx) {
    const tunnel = decodeLogicalName(name).replace(/^tunnels\//, "");
    const tunnelId = typeof state?.tunnelId === "string" ? state.tunnelId : tunnel;
    return tunnelStateToApiIngress(state).flatMap((rule) => {
      const value = tunnelServiceFromLive(rule, tunnel);
      if (!value) return [];
      // not desired any more: named by hostname + path, as the native engine does
      const id = ctx.desiredByKey.get(tunnelServiceKey(tunnelId, value))?.id ?? `services/${ingressKey(value)}`;
      return [serviceResource(tunnelId, id, value)];
    });
  },
  importId: (_name, live, ctx) => {
    // a tunnel never configured has nothing to import: its configuration is created (one PUT)
    const tunnelId = live[0]?.scope ?? ctx.scope;
    const configured = live.length > 0 || (tunnelId !== undefined && (ctx.meta(tunnelId) as TunnelMeta | undefined)?.config !== undefined);
    return tunnelId !== undefined && configured ? `${ctx.accountId}/${tunnelId}` : undefined;
  },
  forgets: (name) =>
    `${decodeLogicalName(name)} is no longer named in the stack: its configuration stays in Cloudflare as it is (the provider cannot delete one) and cf-gitops stops managing it`,
};
