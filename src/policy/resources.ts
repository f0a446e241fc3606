// Resource identities and small facts about the desired state that several policies share.
import type { DesiredState, ZoneSpec } from "../desired-state/types.ts";
import type { DnsRecordSpec } from "../kinds/dns-record/spec.ts";
import { dnsRecordId } from "../kinds/dns-record/identity.ts";
import { zoneOf as zoneNameOf } from "../kinds/shared/names.ts";

/** The record's change id (its name and type, and its content where others share those). */
export function recordResource(zone: ZoneSpec, record: DnsRecordSpec): string {
  return dnsRecordId(zone, record);
}

export function settingResource(zone: ZoneSpec, setting: string): string {
  return `${zone.zone}/settings/${setting}`;
}

export function firewallResource(zone: ZoneSpec, ref: string): string {
  return `${zone.zone}/firewall/${ref}`;
}

/** The managed zone a hostname belongs to (longest suffix match). */
export function zoneOf(desired: DesiredState, fqdn: string): ZoneSpec | undefined {
  const name = zoneNameOf(fqdn, desired.zones.map((zone) => zone.zone));
  return desired.zones.find((zone) => zone.zone === name);
}

/** Whether Cloudflare serves HTTP for the zone: a proxied record, or a tunnel service (always a proxied CNAME). */
export function zoneHasProxiedTraffic(desired: DesiredState, zone: ZoneSpec): boolean {
  if (zone.dns?.some((record) => record.proxied)) return true;
  return desired.services.some((service) => zoneOf(desired, service.hostname) === zone);
}

/** A zone-level finding points at the setting when the file sets it, else at the settings block, else the zone key. */
export function settingSource(zone: ZoneSpec, setting: string) {
  return zone.settings?.sources[setting] ?? zone.settings?.source ?? zone.source;
}
