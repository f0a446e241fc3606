// The Cloudflare reads the Pulumi engine needs before its program runs (the account, zone ids,
// tunnel ids) and, for adoption and `import --zone`, each zone's live objects. All of it goes
// through the native engine's reader and client (retries, rate-limit handling, one read per list).
import type Cloudflare from "cloudflare";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import type { Logger } from "../../shared/logger.ts";
import { ConfigError, ZoneMissingError } from "../../shared/errors.ts";
import { createClient, listZones, readLive, resolveAccountId as nativeAccountId, type LiveZone as NativeLiveZone } from "../native/index.ts";
import { readTunnelConfig, resolveTunnelId } from "../native/tunnels.ts";

export interface LiveClientOptions {
  apiToken: string;
  baseUrl?: string;
  log: Logger;
}

export function liveClient(options: LiveClientOptions): Cloudflare {
  return createClient({ apiToken: options.apiToken, log: options.log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
}

/** CLOUDFLARE_ACCOUNT_ID (passed in), else the stack's account_id, else the only account the token sees. */
export function resolveAccountId(client: Cloudflare, explicit: string | undefined, stack: StackConfig): Promise<string> {
  return nativeAccountId(client, explicit ?? stack.account_id);
}

/** Every zone of the account, name -> id; a desired zone the account lacks is an error. */
export async function resolveZoneIds(client: Cloudflare, accountId: string, desired: DesiredState): Promise<Record<string, string>> {
  const zoneIds = Object.fromEntries((await listZones(client, accountId)).map((zone) => [zone.name, zone.id]));
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
    if (stack.tunnels[name] === undefined) {
      throw new ConfigError(`tunnel "${name}" is used by a service but not named in ${stack.file}`, { file: stack.file, hint: `add it: tunnels: { ${name}: {} }` });
    }
    tunnelIds[name] = await resolveTunnelId(client, accountId, stack, name);
  }
  return tunnelIds;
}

export interface LiveZone {
  zoneId: string;
  records: Record<string, unknown>[];
  /** The custom firewall phase's entrypoint ruleset, when the zone has one. */
  ruleset?: { id: string; rules: Record<string, unknown>[] };
  /** setting id -> live value */
  settings: Record<string, unknown>;
}

/** One zone's live records, firewall entrypoint and settings (three reads). */
export async function readLiveZone(client: Cloudflare, zone: { id: string; name: string }): Promise<LiveZone> {
  const [live] = await readLive(client, [zone], { dns: true, settings: true, firewall: true });
  return toPulumiLiveZone(zone.id, live);
}

/** The native reader's view of a zone, in the shape adoption works on. */
export function toPulumiLiveZone(zoneId: string, live: NativeLiveZone | undefined): LiveZone {
  const out: LiveZone = { zoneId, records: live?.records ?? [], settings: {} };
  for (const entry of live?.settings ?? []) out.settings[String(entry.id)] = entry.value;
  if (live?.firewall?.rulesetId) out.ruleset = { id: live.firewall.rulesetId, rules: live.firewall.rules };
  return out;
}

/** A tunnel's live ingress rules, or undefined when it has no configuration yet. */
export async function readTunnelIngress(client: Cloudflare, accountId: string, name: string, tunnelId: string): Promise<Record<string, unknown>[] | undefined> {
  const live = await readTunnelConfig(client, accountId, name, tunnelId);
  const ingress = live.config?.ingress;
  return Array.isArray(ingress) ? ingress.map((rule) => ({ ...(rule as Record<string, unknown>) })) : undefined;
}
