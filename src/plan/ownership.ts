// Which live resources the desired state owns: only owned ones can be deleted.
import picomatch from "picomatch";
import type { DnsIgnorePattern } from "../desired-state/types.ts";
import { toRelative } from "../kinds/dns-record/identity.ts";
import type { Ownership, Resource } from "./resources.ts";

export function isIgnored(patterns: DnsIgnorePattern[], zone: string, name: string, type: string): boolean {
  const relative = toRelative(name, zone);
  return patterns.some(
    (pattern) =>
      (pattern.type === undefined || pattern.type === type) &&
      (picomatch.isMatch(relative, pattern.name, { dot: true, nocase: true }) ||
        picomatch.isMatch(name, pattern.name, { dot: true, nocase: true })),
  );
}

/** A live resource with no desired counterpart is deleted only when this says it is ours. */
export function ownsLive(ownership: Ownership, resource: Resource): boolean {
  if (resource.readOnly) return false;
  switch (resource.kind) {
    case "dns-record": {
      const patterns = resource.zone === undefined ? undefined : ownership.dnsZones.get(resource.zone);
      if (patterns === undefined || resource.zone === undefined) return false;
      return !isIgnored(patterns, resource.zone, String(resource.value.name), String(resource.value.type));
    }
    case "firewall-rule":
      return resource.zone !== undefined && ownership.firewallZones.has(resource.zone);
    case "tunnel-service":
      return resource.tunnelId !== undefined && ownership.tunnels.has(resource.tunnelId);
    default:
      return false;
  }
}
