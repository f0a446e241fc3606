// Reading a plan's changes per zone, for the plan policies.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Change } from "../../plan/types.ts";
import { zoneOf } from "../resources.ts";

export interface DnsChangeId {
  zone: string;
  name: string; // relative, "@" = apex
  type: string;
  content: string;
}

/** Splits example.com/dns/www/A/203.0.113.10 (content may itself contain "/"). */
export function parseDnsChangeId(id: string): DnsChangeId | undefined {
  const match = /^([^/]+)\/dns\/([^/]+)\/([^/]+)\/(.*)$/.exec(id);
  if (!match) return undefined;
  return { zone: match[1]!, name: match[2]!, type: match[3]!, content: match[4]! };
}

/** The zone a change belongs to, or undefined for zone-less changes (tunnel services). */
export function changeZone(change: Change): string | undefined {
  if (change.zone) return change.zone;
  if (change.kind === "zone") return change.id;
  if (change.kind === "tunnel-service") return undefined;
  const slash = change.id.indexOf("/");
  return slash > 0 ? change.id.slice(0, slash) : undefined;
}

/** Objects of a zone in the desired state that can be deleted: DNS records, firewall rules, service CNAMEs. */
export function desiredObjectCount(desired: DesiredState, zoneName: string): number {
  const zone = desired.zones.find((z) => z.zone === zoneName);
  const services = desired.services.filter((s) => zoneOf(desired, s.hostname)?.zone === zoneName).length;
  return (zone?.dns?.length ?? 0) + (zone?.firewall?.length ?? 0) + services;
}
