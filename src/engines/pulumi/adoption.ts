// Adoption: objects that already exist in Cloudflare but not in the stack's Pulumi state get
// Pulumi's `import` resource option with their ids, so the first apply adopts them instead of
// failing or duplicating them. Pulumi imports only what matches the desired inputs exactly; an
// object that exists but differs is left out and reported as a warning with the fix.
import type { Cloudflare } from "cloudflare";
import type { DesiredState } from "../../desired-state/types.ts";
import { dnsRecordId } from "../../kinds/dns-record/identity.ts";
import { dnsValueFromLive, dnsValueFromSpec } from "../../kinds/dns-record/normalise.ts";
import { firewallValueFromLive, firewallValueFromSpec } from "../../kinds/firewall-rule/normalise.ts";
import { tunnelCnameTarget, tunnelServiceFromLive, tunnelServiceFromSpec } from "../../kinds/tunnel-service/normalise.ts";
import { settingFromLive, settingFromSpec } from "../../kinds/zone-settings/normalise.ts";
import { dnsResource } from "../../plan/expand.ts";
import { stableJson } from "../../plan/diff.ts";
import type { DnsRecordValue } from "../../kinds/dns-record/normalise.ts";
import { dnsLogicalName, encodeLogicalName, rulesetName, tunnelConfigName } from "./names.ts";
import { readLiveZone, readTunnelIngress, type LiveZone } from "./live.ts";
import { servicesByTunnel, zoneOfHostname } from "./program-input.ts";

export interface AdoptionInput {
  desired: DesiredState;
  accountId: string;
  zoneIds: Record<string, string>;
  tunnelIds: Record<string, string>;
  /** Logical names already in the stack's state: never imported again. */
  inState: Set<string>;
}

export interface Adoption {
  imports: Record<string, string>;
  warnings: string[];
}

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

function liveRecords(zone: string, live: LiveZone): Map<string, { value: DnsRecordValue; cloudId: string }> {
  const byId = new Map<string, { value: DnsRecordValue; cloudId: string }>();
  for (const record of live.records) {
    const value = dnsValueFromLive(record);
    byId.set(dnsResource(zone, value).id, { value, cloudId: String(record.id) });
  }
  return byId;
}

/** Desired DNS values per zone, the tunnel services' CNAMEs included. */
function desiredRecords(input: AdoptionInput): Map<string, Map<string, DnsRecordValue>> {
  const byZone = new Map<string, Map<string, DnsRecordValue>>();
  const add = (zone: string, value: DnsRecordValue) => {
    const records = byZone.get(zone) ?? new Map<string, DnsRecordValue>();
    records.set(dnsResource(zone, value).id, value);
    byZone.set(zone, records);
  };
  for (const zone of input.desired.zones) for (const spec of zone.dns ?? []) add(zone.zone, dnsValueFromSpec(spec));
  for (const service of input.desired.services) {
    const zone = zoneOfHostname(service.hostname, Object.keys(input.zoneIds));
    const tunnelId = input.tunnelIds[service.tunnel];
    if (zone === undefined || tunnelId === undefined) continue;
    add(zone, { name: service.hostname, type: "CNAME", content: tunnelCnameTarget(tunnelId), proxied: true, ttl: 1, tags: [] });
  }
  return byZone;
}

async function adoptZone(client: Cloudflare, input: AdoptionInput, zone: string, records: Map<string, DnsRecordValue>, out: Adoption): Promise<void> {
  const spec = input.desired.zones.find((z) => z.zone === zone);
  const zoneId = input.zoneIds[zone]!;
  const settings = Object.keys(spec?.settings?.values ?? {}).filter((s) => !input.inState.has(encodeLogicalName(`${zone}/settings/${s}`)));
  const wantRecords = [...records].filter(([id]) => !input.inState.has(dnsLogicalName(id)));
  const wantRuleset = spec?.firewall !== undefined && !input.inState.has(rulesetName(zone));
  if (settings.length === 0 && wantRecords.length === 0 && !wantRuleset) return; // everything already managed
  const live = await readLiveZone(client, { id: zoneId, name: zone });
  const liveById = liveRecords(zone, live);
  for (const [id, value] of wantRecords) {
    const found = liveById.get(id);
    if (!found) continue;
    if (same(found.value, value)) out.imports[dnsLogicalName(id)] = `${zoneId}/${found.cloudId}`;
    else out.warnings.push(`${id} exists in Cloudflare with other settings, so Pulumi cannot adopt it; run \`cf-gitops import --zone ${zone}\` to take the live values into the zone file, or change it once with --engine native`);
  }
  for (const setting of settings) {
    if (same(settingFromLive({ value: live.settings[setting] }), settingFromSpec(spec!.settings!.values[setting]!))) {
      out.imports[encodeLogicalName(`${zone}/settings/${setting}`)] = `${zoneId}/${setting}`;
    }
  }
  if (wantRuleset && live.ruleset) {
    const liveRules = live.ruleset.rules.map(firewallValueFromLive);
    const desiredRules = spec!.firewall!.map(firewallValueFromSpec);
    if (same(liveRules, desiredRules)) out.imports[rulesetName(zone)] = `zones/${zoneId}/${live.ruleset.id}`;
    else if (liveRules.length > 0) out.warnings.push(`${zone}/firewall: the zone already has custom firewall rules that differ from the zone file, so Pulumi cannot adopt them; run \`cf-gitops import --zone ${zone}\` first`);
  }
}

export async function planAdoption(client: Cloudflare, input: AdoptionInput): Promise<Adoption> {
  const out: Adoption = { imports: {}, warnings: [] };
  const records = desiredRecords(input);
  const zones = [...new Set([...input.desired.zones.map((z) => z.zone), ...records.keys()])].sort();
  for (const zone of zones) await adoptZone(client, input, zone, records.get(zone) ?? new Map(), out);
  for (const [tunnel, services] of servicesByTunnel(input.desired.services)) {
    const tunnelId = input.tunnelIds[tunnel];
    if (tunnelId === undefined || input.inState.has(tunnelConfigName(tunnel))) continue;
    const ingress = await readTunnelIngress(client, input.accountId, tunnel, tunnelId);
    if (!ingress) continue;
    const key = (v: { hostname: string; path?: string }) => `${v.hostname}${v.path ?? ""}`;
    const live = ingress.flatMap((rule) => tunnelServiceFromLive(rule, tunnel) ?? []).sort((a, b) => key(a).localeCompare(key(b)));
    const want = services.map(tunnelServiceFromSpec).sort((a, b) => key(a).localeCompare(key(b)));
    if (same(live, want)) out.imports[tunnelConfigName(tunnel)] = `${input.accountId}/${tunnelId}`;
  }
  return out;
}

export interface PulumiImportId {
  /** Pulumi type token, e.g. cloudflare:index/dnsRecord:DnsRecord */
  type: string;
  /** The logical name the program gives the object. */
  name: string;
  /** The id `pulumi import` takes. */
  id: string;
}

/** Pulumi import ids of a zone's live objects (for `cf-gitops import --zone`); `settings` limits the settings listed. */
export function pulumiImportIds(zone: string, live: LiveZone, settings?: string[]): PulumiImportId[] {
  const ids: PulumiImportId[] = [];
  for (const record of live.records) {
    const id = dnsRecordId(zone, { ...dnsValueFromLive(record), fqdn: String(record.name) });
    ids.push({ type: "cloudflare:index/dnsRecord:DnsRecord", name: dnsLogicalName(id), id: `${live.zoneId}/${String(record.id)}` });
  }
  for (const setting of (settings ?? Object.keys(live.settings)).filter((s) => s in live.settings).sort()) {
    ids.push({ type: "cloudflare:index/zoneSetting:ZoneSetting", name: encodeLogicalName(`${zone}/settings/${setting}`), id: `${live.zoneId}/${setting}` });
  }
  if (live.ruleset) ids.push({ type: "cloudflare:index/ruleset:Ruleset", name: rulesetName(zone), id: `zones/${live.zoneId}/${live.ruleset.id}` });
  return ids.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}
