// The engine-neutral middle of planning: desired and live configuration as flat lists of
// resources with normalised values, and the ownership rules that say which live ones we manage.
import type { DnsIgnorePattern, SourceLocation, ZoneSettingValue } from "../desired-state/types.ts";
import type { KindId } from "./types.ts";

export interface Resource {
  kind: KindId;
  /** What matches a desired resource to a live one (usually equal to id). */
  key: string;
  /** The change id shown to people (formats in types.ts). */
  id: string;
  zone?: string;
  /** Tunnel-service resources: the tunnel they belong to. */
  tunnelId?: string;
  value: Record<string, unknown>;
  source?: SourceLocation;
  /** Live only: Cloudflare's id of the object. */
  cloudId?: string;
  /** Live only: Cloudflare marks it read-only; never changed or deleted. */
  readOnly?: boolean;
  /** Desired zone settings: the YAML value to send (the normalised value is a string for comparison). */
  rawSetting?: ZoneSettingValue;
}

export interface Ownership {
  /** Zones whose file has `dns:`, with that file's ignore patterns. */
  dnsZones: Map<string, DnsIgnorePattern[]>;
  /** Zones whose file has `firewall:` (the custom phase is owned whole). */
  firewallZones: Set<string>;
  /** Tunnels whose ingress the stack's services own. */
  tunnels: Set<string>;
}

export function emptyOwnership(): Ownership {
  return { dnsZones: new Map(), firewallZones: new Set(), tunnels: new Set() };
}
