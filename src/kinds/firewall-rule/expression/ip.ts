// IP addresses, CIDRs and explicit ranges as they appear in `in {...}` sets.
import { isIPv4, isIPv6 } from "node:net";
import { fail } from "./errors.ts";

export type IpFamily = 4 | 6;

export interface IpInterval {
  family: IpFamily;
  first: bigint;
  last: bigint;
}

export const IPV4_MAX = (1n << 32n) - 1n;
export const IPV6_MAX = (1n << 128n) - 1n;

function v4ToBig(text: string): bigint {
  return text.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(text: string): bigint {
  let groups = text;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail?.[1]) {
    const n = v4ToBig(v4Tail[1]);
    groups = `${text.slice(0, v4Tail.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = groups.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The address as a number, or undefined when the text is not an IPv4 or IPv6 address. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: v4ToBig(text) };
  if (isIPv6(text) && !text.includes("%")) return { family: 6, value: v6ToBig(text) };
  return undefined;
}

function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function address(text: string, offset: number): { family: IpFamily; value: bigint } {
  const parsed = parseAddress(text);
  if (!parsed) fail(offset, `invalid IP address ${JSON.stringify(text)}`);
  return parsed;
}

/** A CIDR like 192.0.2.0/24; its host part must be zero, as Cloudflare requires. */
export function parseCidr(text: string, offset: number): IpInterval & { prefix: number } {
  const slash = text.indexOf("/");
  const addr = address(text.slice(0, slash), offset);
  const bits = addr.family === 4 ? 32 : 128;
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > bits) {
    fail(offset + slash + 1, `invalid network length /${prefixText}: it must be 0 to ${bits} for an IPv${addr.family} network`);
  }
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  if ((addr.value & hostMask) !== 0n) {
    const network = formatAddress(addr.family, addr.value & ~hostMask);
    fail(offset, `${text} has host bits set`, `did you mean ${network}/${prefix}?`);
  }
  return { family: addr.family, first: addr.value, last: addr.value | hostMask, prefix };
}

/** An explicit range like 198.51.100.3..198.51.100.7 (same family, first <= last). */
export function parseIpRange(text: string, offset: number): IpInterval {
  const dots = text.indexOf("..");
  const first = address(text.slice(0, dots), offset);
  const last = address(text.slice(dots + 2), offset + dots + 2);
  if (first.family !== last.family) fail(offset, `IP range ${text} mixes IPv4 and IPv6`);
  if (first.value > last.value) fail(offset, `IP range ${text} ends before it starts`);
  return { family: first.family, first: first.value, last: last.value };
}

export function parseSingleAddress(text: string, offset: number): IpInterval {
  const addr = address(text, offset);
  return { family: addr.family, first: addr.value, last: addr.value };
}
