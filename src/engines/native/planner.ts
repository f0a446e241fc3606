// Planning: list zones once, resolve tunnels, read what the desired state declares, diff.
import type Cloudflare from "cloudflare";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import { buildChanges, readOnlyWarnings } from "../../plan/build.ts";
import { expandDesired, zoneOf, type Expanded } from "../../plan/expand.ts";
import type { Resource } from "../../plan/resources.ts";
import type { Plan } from "../../plan/types.ts";
import { AbortedError, ZoneMissingError } from "../../shared/errors.ts";
import type { RunOptions } from "../engine.ts";
import { tunnelResources, zoneResources } from "./live-resources.ts";
import { readLive, type LiveZone, type ReadOptions } from "./read-live.ts";
import { readTunnelConfig, resolveTunnelId, type LiveTunnel } from "./tunnels.ts";
import { listZones, resolveAccountId, type ZoneRef } from "./zones.ts";

export interface PlanContext {
  plan: Plan;
  accountId: string | undefined;
  zones: Map<string, ZoneRef>;
  zonesToCreate: string[];
  expanded: Expanded;
  live: Resource[];
  liveZones: Map<string, LiveZone>;
  tunnels: Map<string, LiveTunnel>;
}

function missingZoneError(missing: string[], stack: StackConfig): ZoneMissingError {
  const list = missing.join(", ");
  return new ZoneMissingError(`zone${missing.length > 1 ? "s" : ""} ${list} not found in the Cloudflare account`, {
    zones: missing,
    hint: `add the zone in Cloudflare first (cf-gitops never creates zones on its own), set create_zones: true in ${stack.file}, or remove its file from desired-state/zones/`,
  });
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError("the run was cancelled while reading Cloudflare; nothing was written");
}

function readPlanFor(desired: DesiredState, expanded: Expanded, zoneName: string): ReadOptions {
  const spec = desired.zones.find((zone) => zone.zone === zoneName);
  const hasServiceRecords = expanded.resources.some((r) => r.kind === "dns-record" && r.zone === zoneName);
  return { dns: spec?.dns !== undefined || hasServiceRecords, settings: spec?.settings !== undefined, firewall: spec?.firewall !== undefined };
}

export async function computePlan(
  client: Cloudflare,
  desired: DesiredState,
  options: RunOptions,
  engine: { accountId?: string },
): Promise<PlanContext> {
  const stack = options.stack;
  let accountId = engine.accountId ?? stack.account_id;
  options.onProgress?.({ stage: "read", message: "listing zones" });
  const accountZones = await listZones(client, accountId);
  checkAborted(options.signal);
  const zones = new Map(accountZones.map((zone) => [zone.name, zone]));
  const missing = desired.zones.map((zone) => zone.zone).filter((name) => !zones.has(name));
  if (missing.length > 0 && !stack.create_zones) throw missingZoneError(missing, stack);

  const tunnelNames = [...new Set(desired.services.map((service) => service.tunnel))].filter((name) => name in stack.tunnels);
  const tunnels = new Map<string, LiveTunnel>();
  const tunnelIds = new Map<string, string>();
  if (tunnelNames.length > 0 || missing.length > 0) accountId = await resolveAccountId(client, accountId);
  for (const name of tunnelNames) {
    const id = await resolveTunnelId(client, accountId!, stack, name);
    tunnelIds.set(name, id);
    tunnels.set(id, await readTunnelConfig(client, accountId!, name, id));
  }
  checkAborted(options.signal);
  const expanded = expandDesired(desired, { tunnelIds, zoneNames: [...zones.keys()] });

  const touched = new Set(desired.zones.map((zone) => zone.zone));
  for (const service of desired.services) {
    const zone = zoneOf(service.hostname, [...zones.keys(), ...touched]);
    if (zone) touched.add(zone);
  }
  const toRead = [...touched].filter((name) => zones.has(name)).map((name) => zones.get(name)!);
  options.onProgress?.({ stage: "read", message: `reading ${toRead.length} zone(s)`, total: toRead.length });
  const liveZones = new Map<string, LiveZone>();
  const groups = new Map<string, ZoneRef[]>();
  for (const zone of toRead) {
    const readOptions = readPlanFor(desired, expanded, zone.name);
    const key = JSON.stringify(readOptions);
    groups.set(key, [...(groups.get(key) ?? []), zone]);
  }
  for (const [key, group] of groups) {
    for (const zone of await readLive(client, group, JSON.parse(key) as ReadOptions)) liveZones.set(zone.name, zone);
  }
  checkAborted(options.signal);
  const live = [...[...liveZones.values()].flatMap(zoneResources), ...[...tunnels.values()].flatMap(tunnelResources)];
  const zonesToCreate = missing;
  options.onProgress?.({ stage: "plan", message: "comparing" });
  const changes = buildChanges({ desired: expanded.resources, live, ownership: expanded.ownership, zonesToCreate });
  const plan: Plan = { stack: stack.name, engine: "native", changes };
  if (options.commit) plan.commit = options.commit;
  const warnings = readOnlyWarnings(expanded.resources, live);
  if (warnings.length > 0) plan.warnings = warnings;
  return { plan, accountId, zones, zonesToCreate, expanded, live, liveZones, tunnels };
}
