// An account list (Cloudflare's custom lists) in one comparable form: its kind, its description and
// its items as a set (canonical values, sorted), whatever order or spelling the YAML or the API uses.
import { parseAddress } from "../shared/expression/ip.ts";
import { redirectItemToApi, redirectItemValue, type RedirectItemValue } from "./redirect-items.ts";

export const listKindId = "list" as const;

/** The kinds a list file may declare: custom lists (ip, asn, hostname) and Bulk Redirects' redirect lists. */
export const listKinds = ["ip", "asn", "hostname", "redirect"] as const;
export type ListKind = (typeof listKinds)[number];

/** Lists are account objects: one scope for all of them. */
export const listScope = "account";

export interface ListItemValue {
  ip?: string;
  asn?: number;
  hostname?: string;
  redirect?: RedirectItemValue;
  comment?: string;
}

export interface ListValue {
  name: string;
  kind: string;
  description?: string;
  items: ListItemValue[];
}

export function listId(name: string): string {
  return `lists/${name}`;
}

/** Prefix lengths Cloudflare accepts in IP lists. */
export const prefixBounds = { 4: [8, 32], 6: [12, 128] } as const;

function formatV6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::"
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

function formatAddress(family: 4 | 6, value: bigint): string {
  return family === 4 ? [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".") : formatV6(value);
}

export interface CanonicalIp {
  /** The canonical spelling: no /32 or /128, the network address of a CIDR, IPv6 compressed and lower case. */
  text: string;
  family: 4 | 6;
  prefix: number;
  /** A CIDR whose host part is not zero (the canonical text is its network). */
  hostBits: boolean;
}

/** An address or CIDR in Cloudflare's canonical form, or undefined when it is neither. */
export function canonicalIp(input: string): CanonicalIp | undefined {
  const [address = "", prefixText, extra] = input.trim().split("/");
  if (extra !== undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return undefined;
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  const bits = parsed.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = parsed.value & ~hostMask;
  const text = formatAddress(parsed.family, network);
  return { text: prefix === bits ? text : `${text}/${prefix}`, family: parsed.family, prefix, hostBits: network !== parsed.value };
}

/** What makes two items the same item. */
export function itemKey(item: ListItemValue): string {
  if (item.ip !== undefined) return `ip:${item.ip}`;
  if (item.asn !== undefined) return `asn:${String(item.asn).padStart(10, "0")}`;
  if (item.redirect) return `redirect:${item.redirect.source}`;
  return `hostname:${item.hostname ?? ""}`;
}

/** One item, canonical: an IP in canonical form, a host name in lower case, the comment only when not empty. */
export function itemValue(raw: { ip?: unknown; asn?: unknown; hostname?: unknown; redirect?: unknown; comment?: unknown }): ListItemValue {
  const item: ListItemValue = {};
  if (raw.redirect !== undefined && raw.redirect !== null) item.redirect = redirectItemValue(raw.redirect);
  else if (typeof raw.ip === "string") item.ip = canonicalIp(raw.ip)?.text ?? raw.ip.toLowerCase();
  else if (typeof raw.asn === "number") item.asn = raw.asn;
  else if (typeof raw.hostname === "string") item.hostname = raw.hostname.toLowerCase();
  else if (typeof raw.hostname === "object" && raw.hostname !== null) item.hostname = String((raw.hostname as { url_hostname?: unknown }).url_hostname ?? "").toLowerCase();
  if (typeof raw.comment === "string" && raw.comment !== "") item.comment = raw.comment;
  return item;
}

export function sortItems(items: ListItemValue[]): ListItemValue[] {
  return [...items].sort((a, b) => (itemKey(a) < itemKey(b) ? -1 : itemKey(a) > itemKey(b) ? 1 : 0));
}

export function listValue(name: string, kind: string, description: unknown, items: ListItemValue[]): ListValue {
  const value: ListValue = { name, kind, items: sortItems(items) };
  if (typeof description === "string" && description !== "") value.description = description;
  return value;
}

/** An item as the API takes it (the items PUT and the Pulumi List's items). */
export function itemToApi(item: ListItemValue): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (item.ip !== undefined) out.ip = item.ip;
  else if (item.asn !== undefined) out.asn = item.asn;
  else if (item.redirect) out.redirect = redirectItemToApi(item.redirect);
  else out.hostname = { url_hostname: item.hostname };
  if (item.comment !== undefined) out.comment = item.comment;
  return out;
}
