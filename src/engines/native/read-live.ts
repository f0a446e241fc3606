// Reads a zone's live configuration, each list once with the largest page size the API allows.
// Shared by the native engine, Pulumi adoption and `cf-gitops import`.
import type Cloudflare from "cloudflare";
import { ApiError } from "../../shared/errors.ts";
import { firewallPhase } from "../../kinds/firewall-rule/native.ts";
import { call } from "./call.ts";
import type { ZoneRef } from "./zones.ts";

export const dnsPageSize = 5000;

export interface LiveZone extends ZoneRef {
  /** Raw records as the API returns them; undefined when not read. */
  records?: Record<string, unknown>[];
  /** Raw settings entries ({ id, value, editable }); undefined when not read. */
  settings?: Record<string, unknown>[];
  /** The custom firewall entrypoint; `rules` is empty when the phase has no ruleset yet. */
  firewall?: { rulesetId?: string; rules: Record<string, unknown>[] };
}

export interface ReadOptions {
  dns?: boolean;
  settings?: boolean;
  firewall?: boolean;
  /** Zones read at once. */
  concurrency?: number;
}

export async function readRecords(client: Cloudflare, zone: ZoneRef): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const result = await call(`list DNS records of ${zone.name}`, () =>
      client.dns.records.list({ zone_id: zone.id, per_page: dnsPageSize, page }),
    );
    records.push(...(result.result as unknown as Record<string, unknown>[]));
    const info = (result as unknown as { result_info?: { total_pages?: number } }).result_info;
    if (result.result.length < dnsPageSize || page >= (info?.total_pages ?? page)) break;
  }
  return records;
}

export async function readSettings(client: Cloudflare, zone: ZoneRef): Promise<Record<string, unknown>[]> {
  const body = await call(`read settings of ${zone.name}`, () =>
    client.get<{ result?: Record<string, unknown>[] }>(`/zones/${zone.id}/settings`),
  );
  return Array.isArray(body.result) ? body.result : [];
}

export async function readFirewall(client: Cloudflare, zone: ZoneRef): Promise<NonNullable<LiveZone["firewall"]>> {
  try {
    const ruleset = await call(`read the custom firewall rules of ${zone.name}`, () =>
      client.rulesets.phases.get(firewallPhase, { zone_id: zone.id }),
    );
    return { rulesetId: ruleset.id, rules: (ruleset.rules ?? []) as unknown as Record<string, unknown>[] };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { rules: [] }; // no entrypoint yet
    throw error;
  }
}

async function readZone(client: Cloudflare, zone: ZoneRef, options: ReadOptions): Promise<LiveZone> {
  const [records, settings, firewall] = await Promise.all([
    options.dns === false ? undefined : readRecords(client, zone),
    options.settings === false ? undefined : readSettings(client, zone),
    options.firewall === false ? undefined : readFirewall(client, zone),
  ]);
  const live: LiveZone = { ...zone };
  if (records) live.records = records;
  if (settings) live.settings = settings;
  if (firewall) live.firewall = firewall;
  return live;
}

/** Reads several zones a few at a time (the Pi has little memory; Cloudflare has a rate limit). */
export async function readLive(client: Cloudflare, zones: ZoneRef[], options: ReadOptions = {}): Promise<LiveZone[]> {
  const out: LiveZone[] = new Array<LiveZone>(zones.length);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < zones.length) {
      const index = next++;
      out[index] = await readZone(client, zones[index]!, options);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, zones.length) }, worker));
  return out;
}
