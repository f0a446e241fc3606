// Identity and canonical forms of a DNS record. Shared by validation (duplicates), policies,
// both engines and the diff, so that "the same record" means one thing everywhere.
// A record alone at its name and type is identified by both (example.com/dns/www/A), so a new
// address or target is an update in place; where several records share them (round-robin A,
// several TXT or MX), the content joins the identity (example.com/dns/www/A/203.0.113.10).
// docs/adr/0013-dns-record-identity-by-name-and-type.md.
import { isIPv6 } from "node:net";
import { canonicalHost } from "../shared/names.ts";
import type { DnsRecordData, DnsRecordType } from "./spec.ts";

export { canonicalHost };

/** A host a record points at: canonical, except the root "." (a null MX, an HTTPS/SVCB target), kept. */
export function canonicalTarget(text: string): string {
  return text.trim() === "." ? "." : canonicalHost(text);
}

/** "@" or a label relative to the zone -> FQDN; an FQDN inside the zone is kept. */
export function toFqdn(name: string, zone: string): string {
  const host = canonicalHost(name);
  const apex = canonicalHost(zone);
  if (host === "@" || host === "" || host === apex) return apex;
  if (name.trim().endsWith(".") || host.endsWith(`.${apex}`)) return host;
  return `${host}.${apex}`;
}

/** FQDN -> "@" or the label relative to the zone (for ids and for writing YAML). */
export function toRelative(fqdn: string, zone: string): string {
  const host = canonicalHost(fqdn);
  const apex = canonicalHost(zone);
  if (host === apex) return "@";
  return host.endsWith(`.${apex}`) ? host.slice(0, -(apex.length + 1)) : host;
}

/** RFC 5952 form: lower case, longest zero run compressed. Returns the input if it is not IPv6. */
export function canonicalIpv6(address: string): string {
  if (!isIPv6(address)) return address;
  let text = address.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const parts = v4[1].split(".").map(Number);
    const hex = [((parts[0]! << 8) | parts[1]!).toString(16), ((parts[2]! << 8) | parts[3]!).toString(16)];
    text = text.slice(0, -v4[1].length) + hex.join(":");
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups].map((g) =>
    (parseInt(g, 16) || 0).toString(16),
  );
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestStart < 0) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

/** Field order of each structured type's content, as Cloudflare renders it. */
export const dataFieldOrder: Partial<Record<DnsRecordType, string[]>> = {
  SRV: ["priority", "weight", "port", "target"],
  CAA: ["flags", "tag", "value"],
  DS: ["key_tag", "algorithm", "digest_type", "digest"],
  TLSA: ["usage", "selector", "matching_type", "certificate"],
  SMIMEA: ["usage", "selector", "matching_type", "certificate"],
  SSHFP: ["algorithm", "type", "fingerprint"],
  NAPTR: ["order", "preference", "flags", "service", "regex", "replacement"],
  HTTPS: ["priority", "target", "value"],
  SVCB: ["priority", "target", "value"],
  URI: ["weight", "target"],
  CERT: ["type", "key_tag", "algorithm", "certificate"],
  DNSKEY: ["flags", "protocol", "algorithm", "public_key"],
  LOC: [
    "lat_degrees", "lat_minutes", "lat_seconds", "lat_direction",
    "long_degrees", "long_minutes", "long_seconds", "long_direction",
    "altitude", "size", "precision_horz", "precision_vert",
  ],
};

const hostFields = new Set(["target", "replacement"]);

function dataKey(type: DnsRecordType, data: DnsRecordData): string {
  const order = dataFieldOrder[type] ?? Object.keys(data).sort();
  return order
    .filter((field) => data[field] !== undefined)
    .map((field) => {
      const value = data[field]!;
      return typeof value === "string" && hostFields.has(field) ? canonicalTarget(value) : String(value);
    })
    .join(" ");
}

/** The part of a record that makes it a different record, not a changed one. */
export function contentKey(record: { type: DnsRecordType; content?: string; data?: DnsRecordData }): string {
  switch (record.type) {
    case "AAAA":
      return canonicalIpv6(record.content ?? "");
    case "CNAME":
    case "NS":
    case "PTR":
    case "MX":
      return canonicalTarget(record.content ?? "");
    default:
      return record.data ? dataKey(record.type, record.data) : (record.content ?? "");
  }
}

type RecordLike = { fqdn: string; type: DnsRecordType; content?: string | undefined; data?: DnsRecordData | undefined };

/** example.com/dns/www/A: what the records of one name and type share (the diff's matching key). */
export function dnsRecordKey(zone: string, fqdn: string, type: string): string {
  return `${canonicalHost(zone)}/dns/${toRelative(fqdn, zone)}/${type}`;
}

/** example.com/dns/www/A/203.0.113.10: the id of a record that shares its name and type. */
export function dnsLongId(zone: string, record: RecordLike): string {
  return `${dnsRecordKey(zone, record.fqdn, record.type)}/${contentKey(record)}`;
}

/**
 * A record's id: example.com/dns/www/A when it is alone at its name and type, else
 * example.com/dns/www/A/203.0.113.10. Pass the zone's spec (`{ zone, dns }`) and the records of
 * its `dns:` decide; with a zone name, `shared` says (default: alone).
 */
export function dnsRecordId(zone: string | { zone: string; dns?: readonly RecordLike[] | undefined }, record: RecordLike, shared?: boolean): string {
  const name = typeof zone === "string" ? zone : zone.zone;
  const twins = shared ?? (typeof zone === "string" ? false : (zone.dns ?? []).filter((other) => canonicalHost(other.fqdn) === canonicalHost(record.fqdn) && other.type === record.type).length > 1);
  return twins ? dnsLongId(name, record) : dnsRecordKey(name, record.fqdn, record.type);
}
