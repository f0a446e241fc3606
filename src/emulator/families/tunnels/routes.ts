// Cloudflare Tunnels (cfd_tunnel) and their remote configuration (ingress rules).
import { fail, type HandlerResult } from "../../envelope.ts";
import { isUuid, nowIso, uuid } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import type { RequestContext, Router } from "../../router.ts";
import { bodyObject, requireAccount } from "../../requests.ts";
import { tunnelsOf } from "./slice.ts";
import type { Tunnel, TunnelConfig } from "./types.ts";

const servicePattern = /^(https?|tcp|ssh|rdp|smb|unix|unix\+tls):\/\/?\S+$|^http_status:\d{3}$|^hello_world$|^bastion$|^socks5$/;

/**
 * The API shape of a tunnel, as in a recorded list (cf-terraforming testdata/cloudflare/v5/
 * cloudflare_zero_trust_tunnel_cloudflared.yaml): timestamps are null rather than absent, a tunnel
 * that never connected is inactive since its creation, and there is no config_src key.
 */
function tunnelView(tunnel: Tunnel): Record<string, unknown> {
  return {
    id: tunnel.id,
    account_tag: tunnel.account_tag,
    created_at: tunnel.created_at,
    deleted_at: tunnel.deleted_at ?? null,
    name: tunnel.name,
    connections: tunnel.connections,
    conns_active_at: tunnel.conns_active_at ?? null,
    conns_inactive_at: tunnel.conns_inactive_at ?? tunnel.created_at,
    tun_type: tunnel.tun_type,
    metadata: tunnel.metadata,
    status: tunnel.status,
    remote_config: tunnel.remote_config,
  };
}

/** A stored configuration without account_id, which the recorded GET …/configurations lacks. */
function configBody(config: TunnelConfig): Record<string, unknown> {
  const { account_id: _accountId, ...rest } = config;
  return rest;
}

function requireTunnel(ctx: RequestContext): Tunnel {
  requireAccount(ctx);
  const id = ctx.params.tunnel_id ?? "";
  if (!isUuid(id)) throw fail(400, 7003, `Could not route to /client/v4${ctx.path}, perhaps your object identifier is invalid?`);
  const tunnel = tunnelsOf(ctx.store).tunnels.get(id);
  if (!tunnel || tunnel.deleted_at) throw fail(404, 1003, "Tunnel not found");
  return tunnel;
}

function listTunnels(ctx: RequestContext): HandlerResult {
  requireAccount(ctx);
  const q = ctx.query;
  let tunnels = [...tunnelsOf(ctx.store).tunnels.values()];
  const name = q.get("name");
  if (name !== null) tunnels = tunnels.filter((t) => t.name === name);
  const deleted = q.get("is_deleted");
  if (deleted === "true") tunnels = tunnels.filter((t) => t.deleted_at !== undefined);
  if (deleted === "false") tunnels = tunnels.filter((t) => t.deleted_at === undefined);
  const id = q.get("uuid");
  if (id !== null) tunnels = tunnels.filter((t) => t.id === id);
  const include = q.get("include_prefix");
  if (include !== null) tunnels = tunnels.filter((t) => t.name.startsWith(include));
  const exclude = q.get("exclude_prefix");
  if (exclude !== null) tunnels = tunnels.filter((t) => !t.name.startsWith(exclude));
  const status = q.get("status");
  if (status !== null) tunnels = tunnels.filter((t) => t.status === status);
  tunnels.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.name < b.name ? -1 : 1));
  const { page, info } = paginate(tunnels, q, { defaultPerPage: 20, maxPerPage: 1000 });
  return { result: page.map(tunnelView), resultInfo: info };
}

function createTunnel(ctx: RequestContext): HandlerResult {
  const account = requireAccount(ctx);
  const body = bodyObject(ctx);
  if (typeof body.name !== "string" || body.name.trim() === "") throw fail(400, 1001, "name is required: a name for the tunnel");
  const configSrc = body.config_src ?? "local";
  if (configSrc !== "local" && configSrc !== "cloudflare") throw fail(400, 1001, 'config_src must be "local" or "cloudflare"');
  if ([...tunnelsOf(ctx.store).tunnels.values()].some((t) => t.name === body.name && t.deleted_at === undefined)) {
    throw fail(409, 1013, `A tunnel named ${body.name} already exists in this account`);
  }
  const tunnel: Tunnel = {
    id: uuid(),
    account_tag: account,
    name: body.name,
    created_at: nowIso(),
    connections: [],
    metadata: {},
    remote_config: configSrc === "cloudflare",
    status: "inactive",
    tun_type: "cfd_tunnel",
    config_src: configSrc,
  };
  tunnelsOf(ctx.store).tunnels.set(tunnel.id, tunnel);
  const view = tunnelView(tunnel);
  return { result: view, audit: [{ action: "create", resource: "tunnel", id: tunnel.id, after: view, request: body }] };
}

/** cloudflared's own rule: the last ingress rule matches everything (no hostname other than "*", no path). */
function ingressProblem(ingress: unknown): string | undefined {
  if (!Array.isArray(ingress) || ingress.length === 0) return "config.ingress must be a non-empty list of rules";
  for (const [index, rule] of ingress.entries()) {
    if (rule === null || typeof rule !== "object") return `config.ingress[${index}] must be an object`;
    const { service, hostname, path } = rule as Record<string, unknown>;
    if (typeof service !== "string" || !servicePattern.test(service)) return `config.ingress[${index}].service "${String(service)}" is not a valid origin service`;
    if (hostname !== undefined && typeof hostname !== "string") return `config.ingress[${index}].hostname must be a string`;
    if (path !== undefined && typeof path !== "string") return `config.ingress[${index}].path must be a string`;
  }
  const last = ingress.at(-1) as Record<string, unknown>;
  const catchAll = (last.hostname === undefined || last.hostname === "" || last.hostname === "*") && !last.path;
  if (!catchAll) return "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)";
  return undefined;
}

function configView(ctx: RequestContext, tunnel: Tunnel): Record<string, unknown> {
  const stored = tunnelsOf(ctx.store).tunnelConfigs.get(tunnel.id);
  return stored ? configBody(stored) : { tunnel_id: tunnel.id, version: 0, config: null, source: "cloudflare", created_at: tunnel.created_at };
}

export function addTunnelRoutes(router: Router): void {
  const base = "/accounts/{account_id}/cfd_tunnel";
  router.add("GET", base, listTunnels);
  router.add("POST", base, createTunnel);
  router.add("GET", `${base}/{tunnel_id}`, (ctx) => ({ result: tunnelView(requireTunnel(ctx)) }));
  router.add("DELETE", `${base}/{tunnel_id}`, (ctx) => {
    const tunnel = requireTunnel(ctx);
    const deleted = { ...tunnel, deleted_at: nowIso() };
    tunnelsOf(ctx.store).tunnels.set(tunnel.id, deleted);
    return { result: tunnelView(deleted), audit: [{ action: "delete", resource: "tunnel", id: tunnel.id, before: tunnelView(tunnel) }] };
  });
  router.add("GET", `${base}/{tunnel_id}/configurations`, (ctx) => ({ result: configView(ctx, requireTunnel(ctx)) }));
  router.add("PUT", `${base}/{tunnel_id}/configurations`, (ctx) => {
    const tunnel = requireTunnel(ctx);
    const config = bodyObject(ctx).config;
    if (config === null || typeof config !== "object" || Array.isArray(config)) throw fail(400, 1001, 'Request body must be { "config": { "ingress": [...] } }');
    const problem = ingressProblem((config as Record<string, unknown>).ingress);
    if (problem) throw fail(400, 1055, `Validation failed: ${problem}`);
    const previous = tunnelsOf(ctx.store).tunnelConfigs.get(tunnel.id);
    const stored: TunnelConfig = {
      tunnel_id: tunnel.id,
      account_id: tunnel.account_tag,
      version: (previous?.version ?? 0) + 1,
      config: structuredClone(config) as TunnelConfig["config"],
      source: "cloudflare",
      created_at: nowIso(),
    };
    tunnelsOf(ctx.store).tunnelConfigs.set(tunnel.id, stored);
    if (!tunnel.remote_config) tunnelsOf(ctx.store).tunnels.set(tunnel.id, { ...tunnel, remote_config: true, config_src: "cloudflare" });
    const before = previous ? configBody(previous) : undefined;
    return { result: configBody(stored), audit: [{ action: "update", resource: "tunnel_configuration", id: tunnel.id, before, after: configBody(stored), request: ctx.body }] };
  });
}
