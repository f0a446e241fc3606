// DNS records -> resources: one per record, keyed by zone, name and type, told apart by content
// when several share those (the core's assignIds then names them, and the diff pairs them by
// content first). A zone file with `dns:` claims the zone's records, less its `ignore:` patterns.
import picomatch from "picomatch";
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { contentKey, dnsLongId, dnsRecordKey, toRelative } from "./identity.ts";
import { dnsValueFromSpec, type DnsRecordValue } from "./normalise.ts";
import { dnsRecordKindId } from "./normalise.ts";
import type { DnsIgnorePattern } from "./spec.ts";

/**
 * A DNS record as a resource (desired or live): keyed by zone, name and type, told apart by content
 * (its variant). Its id is final once the core's assignIds has seen its side: the key when it is
 * alone at its name and type, else key and content.
 */
export function dnsResource(zone: string, value: DnsRecordValue, source?: Resource["source"]): Resource {
  const record = { fqdn: value.name, type: value.type, content: value.content, data: value.data };
  const resource: Resource = {
    kind: dnsRecordKindId,
    key: dnsRecordKey(zone, value.name, value.type),
    variant: contentKey(record),
    id: dnsLongId(zone, record),
    zone,
    scope: zone,
    value: { ...value },
  };
  if (source) resource.source = source;
  return resource;
}

export function expandDns(state: DesiredState, out: ExpandOutput): void {
  for (const zone of state.zones) {
    if (!zone.dns) continue;
    out.claim(dnsRecordKindId, zone.zone, zone.ignore);
    for (const spec of zone.dns) out.resources.push(dnsResource(zone.zone, dnsValueFromSpec(spec), spec.source));
  }
}

export function isIgnored(patterns: readonly DnsIgnorePattern[], zone: string, name: string, type: string): boolean {
  const relative = toRelative(name, zone);
  return patterns.some(
    (pattern) =>
      (pattern.type === undefined || pattern.type === type) &&
      (picomatch.isMatch(relative, pattern.name, { dot: true, nocase: true }) || picomatch.isMatch(name, pattern.name, { dot: true, nocase: true })),
  );
}

/** A claimed zone's live record is ours unless an `ignore:` pattern matches it. */
export function ownsDnsRecord(resource: Resource, detail: unknown): boolean {
  const patterns = Array.isArray(detail) ? (detail as DnsIgnorePattern[]) : [];
  return resource.zone !== undefined && !isIgnored(patterns, resource.zone, String(resource.value.name), String(resource.value.type));
}
