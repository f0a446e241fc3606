// The few Cloudflare reads the Pulumi engine needs before its program runs: the account, zone ids,
// tunnel ids, and (for adoption) the live objects of each zone. Written against the official SDK
// directly because the native reader was not there yet when this was written.
import { Cloudflare, NotFoundError } from "cloudflare";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import { ApiError, ConfigError, ZoneMissingError } from "../../shared/errors.ts";
import { firewallPhase } from "../../kinds/firewall-rule/pulumi.ts";

export interface LiveClientOptions {
  apiToken: string;
  baseUrl?: string;
}

export function liveClient(options: LiveClientOptions): Cloudflare {
  return new Cloudflare({ apiToken: options.apiToken, ...(options.baseUrl ? { baseURL: options.baseUrl } : {}), maxRetries: 4 });
}

export function apiError(error: unknown, route: string): ApiError {
  const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(`Cloudflare API: ${route} failed: ${message}`, { cause: error, route, ...(status ? { status } : {}) });
}

/** CLOUDFLARE_ACCOUNT_ID (passed in), else the stack's account_id, else the only account the token sees. */
export async function resolveAccountId(client: Cloudflare, explicit: string | undefined, stack: StackConfig): Promise<string> {
  const chosen = explicit ?? stack.account_id;
  if (chosen) return chosen;
  const accounts = [];
  try {
    for await (const account of client.accounts.list()) accounts.push(account.id);
  } catch (error) {
    throw apiError(error, "GET /accounts");
  }
  if (accounts.length === 1) return accounts[0]!;
  throw new ConfigError(`the token sees ${accounts.length} accounts; cf-gitops needs to know which one to manage`, {
    file: stack.file,
    hint: "set CLOUDFLARE_ACCOUNT_ID or account_id in the stack file",
  });
}

/** Every zone of the account, name -> id; a desired zone the account lacks is an error. */
export async function resolveZoneIds(client: Cloudflare, accountId: string, desired: DesiredState): Promise<Record<string, string>> {
  const zoneIds: Record<string, string> = {};
  try {
    for await (const zone of client.zones.list({ account: { id: accountId }, per_page: 50 })) zoneIds[zone.name.toLowerCase()] = zone.id;
  } catch (error) {
    throw apiError(error, "GET /zones");
  }
  const missing = desired.zones.map((zone) => zone.zone).filter((zone) => zoneIds[zone] === undefined);
  if (missing.length > 0) {
    throw new ZoneMissingError(`zone${missing.length > 1 ? "s" : ""} not in the Cloudflare account: ${missing.join(", ")}`, {
      zones: missing,
      hint: "add the zone in the Cloudflare dashboard (the Pulumi engine never creates zones), or check CLOUDFLARE_ACCOUNT_ID",
    });
  }
  return zoneIds;
}

/** Tunnel name (as in the stack) -> id: the stack's `id`, else the account's live tunnel of that name. */
export async function resolveTunnelIds(client: Cloudflare, accountId: string, desired: DesiredState, stack: StackConfig): Promise<Record<string, string>> {
  const tunnelIds: Record<string, string> = {};
  for (const name of [...new Set(desired.services.map((service) => service.tunnel))].sort()) {
    const ref = stack.tunnels[name];
    if (ref === undefined) {
      throw new ConfigError(`tunnel "${name}" is used by a service but not named in the stack file`, { file: stack.file, hint: `add it: tunnels: { ${name}: {} }` });
    }
    if (ref.id) {
      tunnelIds[name] = ref.id;
      continue;
    }
    try {
      for await (const tunnel of client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, name, is_deleted: false })) {
        if (tunnel.name === name && tunnel.id) tunnelIds[name] = tunnel.id;
      }
    } catch (error) {
      throw apiError(error, "GET /accounts/{account_id}/cfd_tunnel");
    }
    if (tunnelIds[name] === undefined) {
      throw new ConfigError(`tunnel "${name}" does not exist in the account`, { file: stack.file, hint: `create it with \`cloudflared tunnel create ${name}\`, or give its id in the stack file` });
    }
  }
  return tunnelIds;
}

export interface LiveZone {
  zoneId: string;
  records: Record<string, unknown>[];
  /** The custom firewall phase's entrypoint ruleset, when the zone has one. */
  ruleset?: { id: string; rules: Record<string, unknown>[] };
  settings: Record<string, unknown>;
}

/** One zone's live records, firewall entrypoint and the named settings. */
export async function readLiveZone(client: Cloudflare, zoneId: string, settings: string[]): Promise<LiveZone> {
  const live: LiveZone = { zoneId, records: [], settings: {} };
  try {
    for await (const record of client.dns.records.list({ zone_id: zoneId, per_page: 5000 })) live.records.push({ ...record });
  } catch (error) {
    throw apiError(error, "GET /zones/{zone_id}/dns_records");
  }
  try {
    const ruleset = await client.rulesets.phases.get(firewallPhase, { zone_id: zoneId });
    live.ruleset = { id: ruleset.id, rules: (ruleset.rules ?? []).map((rule) => ({ ...rule })) };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw apiError(error, "GET /zones/{zone_id}/rulesets/phases/{phase}/entrypoint");
  }
  for (const setting of settings) {
    try {
      const result = await client.zones.settings.get(setting, { zone_id: zoneId });
      live.settings[setting] = (result as { value?: unknown }).value;
    } catch (error) {
      throw apiError(error, `GET /zones/{zone_id}/settings/${setting}`);
    }
  }
  return live;
}

/** A tunnel's live ingress rules, or undefined when it has no configuration yet. */
export async function readTunnelIngress(client: Cloudflare, accountId: string, tunnelId: string): Promise<Record<string, unknown>[] | undefined> {
  try {
    const result = await client.zeroTrust.tunnels.cloudflared.configurations.get(tunnelId, { account_id: accountId });
    const ingress = (result.config as { ingress?: unknown[] } | undefined)?.ingress;
    return Array.isArray(ingress) ? ingress.map((rule) => ({ ...(rule as Record<string, unknown>) })) : undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw apiError(error, "GET /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations");
  }
}
