// Desired state + resolved tunnel ids -> the flat list of desired resources and the ownership rules.
import type { DesiredState, ZoneSpec } from "../desired-state/types.ts";
import { canonicalHost, dnsRecordId } from "../kinds/dns-record/identity.ts";
import { dnsValueFromSpec, type DnsRecordValue } from "../kinds/dns-record/normalise.ts";
import { firewallValueFromSpec } from "../kinds/firewall-rule/normalise.ts";
import { settingFromSpec } from "../kinds/zone-settings/normalise.ts";
import { ingressKey, tunnelCnameTarget, tunnelServiceFromSpec } from "../kinds/tunnel-service/normalise.ts";
import { ConfigError } from "../shared/errors.ts";
import { emptyOwnership, type Ownership, type Resource } from "./resources.ts";

export interface ExpandOptions {
  /** Tunnel name (as in the stack) -> tunnel id. */
  tunnelIds: Map<string, string>;
  /** Every zone name known (desired and live), to place a service's CNAME in its zone. */
  zoneNames?: string[];
}

export interface Expanded {
  resources: Resource[];
  ownership: Ownership;
}

export function dnsResource(zone: string, value: DnsRecordValue, source?: Resource["source"]): Resource {
  const id = dnsRecordId(zone, { fqdn: value.name, type: value.type, content: value.content, data: value.data });
  const resource: Resource = { kind: "dns-record", key: id, id, zone, value: { ...value } };
  if (source) resource.source = source;
  return resource;
}

function expandZone(zone: ZoneSpec, resources: Resource[], ownership: Ownership): void {
  const name = zone.zone;
  for (const [setting, raw] of Object.entries(zone.settings?.values ?? {})) {
    const id = `${name}/settings/${setting}`;
    const source = zone.settings?.sources[setting] ?? zone.settings?.source ?? zone.source;
    resources.push({ kind: "zone-settings", key: id, id, zone: name, value: { ...settingFromSpec(raw) }, source, rawSetting: raw });
  }
  if (zone.dns) {
    ownership.dnsZones.set(name, zone.ignore);
    for (const spec of zone.dns) resources.push(dnsResource(name, dnsValueFromSpec(spec), spec.source));
  }
  if (zone.firewall) {
    ownership.firewallZones.add(name);
    for (const rule of zone.firewall) {
      const id = `${name}/firewall/${rule.ref}`;
      resources.push({ kind: "firewall-rule", key: id, id, zone: name, value: { ...firewallValueFromSpec(rule) }, source: rule.source });
    }
  }
}

/** The zone a hostname belongs to: the longest known zone name it ends with. */
export function zoneOf(hostname: string, zoneNames: string[]): string | undefined {
  const host = canonicalHost(hostname);
  let best: string | undefined;
  for (const zone of zoneNames) {
    if ((host === zone || host.endsWith(`.${zone}`)) && (best === undefined || zone.length > best.length)) best = zone;
  }
  return best;
}

export function expandDesired(desired: DesiredState, options: ExpandOptions): Expanded {
  const resources: Resource[] = [];
  const ownership = emptyOwnership();
  for (const zone of desired.zones) expandZone(zone, resources, ownership);
  const zoneNames = [...new Set([...desired.zones.map((zone) => zone.zone), ...(options.zoneNames ?? [])])];
  for (const service of desired.services) {
    const tunnelId = options.tunnelIds.get(service.tunnel);
    if (tunnelId === undefined) {
      throw new ConfigError(`service "${service.service}" uses tunnel "${service.tunnel}", which the stack does not name`, {
        file: service.file,
        hint: `add it to the stack file: tunnels: { ${service.tunnel}: {} }`,
      });
    }
    ownership.tunnels.add(tunnelId);
    const value = tunnelServiceFromSpec(service);
    const id = `services/${service.service}`;
    resources.push({ kind: "tunnel-service", key: ingressKey(tunnelId, value), id, tunnelId, value: { ...value }, source: service.source });
    const zone = zoneOf(service.hostname, zoneNames);
    if (zone === undefined) {
      throw new ConfigError(`service "${service.service}": no zone in the account or desired state contains ${service.hostname}`, {
        file: service.file,
        hint: "add the zone's file under desired-state/zones/ or fix the hostname",
      });
    }
    const cname: DnsRecordValue = { name: value.hostname, type: "CNAME", content: tunnelCnameTarget(tunnelId), proxied: true, ttl: 1, tags: [] };
    if (!resources.some((r) => r.key === dnsResource(zone, cname).key)) resources.push(dnsResource(zone, cname, service.source));
  }
  return { resources, ownership };
}
