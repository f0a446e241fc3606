// IP addresses, CIDRs and explicit ranges as they appear in `in {...}` sets.
import { fail } from "./errors.ts";

export type IpFamily = 4 | 6;

export interface IpInterval {
  family: IpFamily;
  first: bigint;
  last: bigint;
}

export const IPV4_MAX = (1n << 32n) - 1n;
export const IPV6_MAX = (1n << 128n) - 1n;

// Hand-written (rather than node:net's regexes) because this runs for every set item of every rule.
function v4Value(text: string): number | undefined {
  let value = 0;
  let parts = 0;
  let digits = 0;
  let part = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      // Like Rust's parser: 1 to 3 digits, at most 255, no leading zero.
      if (digits === 0 || part > 255 || (digits > 1 && text.charCodeAt(i - digits) === 48)) return undefined;
      value = value * 256 + part;
      parts++;
      digits = 0;
      part = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  return parts === 4 ? value : undefined;
}

function hexGroups(text: string, out: number[]): boolean {
  if (text === "") return true;
  for (const group of text.split(":")) {
    if (group.length === 0 || group.length > 4) return false;
    const n = parseInt(group, 16);
    if (!/^[0-9a-fA-F]+$/.test(group)) return false;
    out.push(n);
  }
  return true;
}

function v6Value(text: string): bigint | undefined {
  let body = text;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (lastColon >= 0 && text.includes(".", lastColon)) {
    const v4 = v4Value(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const gap = body.indexOf("::");
  if (gap !== body.lastIndexOf("::")) return undefined;
  const head: number[] = [];
  const rest: number[] = [];
  if (gap < 0) {
    if (!hexGroups(body, head)) return undefined;
  } else if (!hexGroups(body.slice(0, gap), head) || !hexGroups(body.slice(gap + 2), rest)) return undefined;
  rest.push(...tail);
  const missing = 8 - head.length - rest.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...rest];
  let value = 0n;
  for (let i = 0; i < 8; i += 2) value = (value << 32n) | BigInt((groups[i] ?? 0) * 65536 + (groups[i + 1] ?? 0));
  return value;
}

/** The address as a number, or undefined when the text is not an IPv4 or IPv6 address. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | undefined {
  if (!text.includes(":")) {
    const v4 = v4Value(text);
    return v4 === undefined ? undefined : { family: 4, value: BigInt(v4) };
  }
  const v6 = v6Value(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
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
