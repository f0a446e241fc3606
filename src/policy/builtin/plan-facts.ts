// Reading a plan's changes per zone, for the plan policies.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Change } from "../../plan/types.ts";
import { zoneOf } from "../resources.ts";

export interface DnsChangeId {
  zone: string;
  name: string; // relative, "@" = apex
  type: string;
  content: string; // "" when the id has none (a record alone at its name and type)
}

/** Splits example.com/dns/www/A, or example.com/dns/www/A/203.0.113.10 (content may itself contain "/"). */
export function parseDnsChangeId(id: string): DnsChangeId | undefined {
  const match = /^([^/]+)\/dns\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(id);
  if (!match) return undefined;
  return { zone: match[1]!, name: match[2]!, type: match[3]!, content: match[4] ?? "" };
}

/** The record's content as a change shows it: from its id, else from its value (after, else before). */
export function dnsChangeContent(change: Change, id: DnsChangeId): string {
  if (id.content !== "") return id.content;
  const value = (change.after ?? change.before) as { content?: unknown; data?: unknown } | undefined;
  if (typeof value?.content === "string") return value.content;
  return value?.data === undefined ? "" : JSON.stringify(value.data);
}

/** The zone a change belongs to, or undefined for zone-less changes (tunnel services). */
export function changeZone(change: Change): string | undefined {
  if (change.zone) return change.zone;
  if (change.kind === "zone") return change.id;
  if (change.kind === "tunnel-service" || change.kind === "list") return undefined;
  const slash = change.id.indexOf("/");
  return slash > 0 ? change.id.slice(0, slash) : undefined;
}

/** Objects of a zone in the desired state that can be deleted: DNS records, the rules of each ruleset phase, service CNAMEs. */
export function desiredObjectCount(desired: DesiredState, zoneName: string): number {
  const zone = desired.zones.find((z) => z.zone === zoneName);
  const services = desired.services.filter((s) => zoneOf(desired, s.hostname)?.zone === zoneName).length;
  const rules = (zone?.firewall?.length ?? 0) + (zone?.rate_limits?.length ?? 0) + (zone?.cache_rules?.length ?? 0) + (zone?.redirects?.length ?? 0);
  return (zone?.dns?.length ?? 0) + rules + services;
}
