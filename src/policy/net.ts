// Address-range checks for the IP policies, on plain BigInts (no dependency).
import { isIP } from "node:net";

export interface Cidr {
  version: 4 | 6;
  base: bigint;
  bits: number;
}

function v4ToBigInt(address: string): bigint {
  return address.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(address: string): bigint {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = v4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...fill, ...tailGroups].reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16) || 0), 0n);
}

/** Parses "10.0.0.0/8", "fc00::/7" or a bare address (a /32 or /128). Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [address = "", prefix] = text.trim().split("/");
  const kind = isIP(address);
  if (kind === 0) return undefined;
  const version = kind === 4 ? 4 : 6;
  const width = version === 4 ? 32 : 128;
  const bits = prefix === undefined ? width : Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined;
  const value = version === 4 ? v4ToBigInt(address) : v6ToBigInt(address);
  const shift = BigInt(width - bits);
  return { version, base: (value >> shift) << shift, bits };
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  const kind = isIP(address.replace(/%.*$/, ""));
  if (kind !== cidr.version) return false;
  const width = cidr.version === 4 ? 32 : 128;
  const value = cidr.version === 4 ? v4ToBigInt(address) : v6ToBigInt(address);
  const shift = BigInt(width - cidr.bits);
  return (value >> shift) << shift === cidr.base;
}

/** Non-public ranges with the name a message uses. */
export const privateRanges: { cidr: string; label: string }[] = [
  { cidr: "10.0.0.0/8", label: "RFC 1918 private" },
  { cidr: "172.16.0.0/12", label: "RFC 1918 private" },
  { cidr: "192.168.0.0/16", label: "RFC 1918 private" },
  { cidr: "100.64.0.0/10", label: "CGNAT (RFC 6598)" },
  { cidr: "127.0.0.0/8", label: "loopback" },
  { cidr: "169.254.0.0/16", label: "link-local" },
  { cidr: "0.0.0.0/8", label: "unspecified (\"this network\")" },
  { cidr: "::1/128", label: "loopback" },
  { cidr: "::/128", label: "unspecified" },
  { cidr: "fe80::/10", label: "link-local" },
  { cidr: "fc00::/7", label: "unique local (ULA)" },
];

const parsedPrivate = privateRanges.map((range) => ({ ...range, parsed: parseCidr(range.cidr)! }));

/** The label of the non-public range an address falls in (IPv4-mapped IPv6 is checked as IPv4). */
export function privateRangeOf(address: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const candidate = mapped?.[1] ?? address;
  return parsedPrivate.find((range) => cidrContains(range.parsed, candidate))?.label;
}
