// Names as Cloudflare stores them: lower-case FQDNs without the trailing dot, Unicode labels in
// Punycode (the SDK: "Domain names are always represented in Punycode, even if Unicode characters
// were used when creating the record"). The emulator keeps its own copy rather than the product's.
import { domainToASCII } from "node:url";

/** Unicode labels -> `xn--…` (lower case); ASCII labels are kept. Undefined when a label cannot be encoded. */
export function toPunycode(name: string): string | undefined {
  const labels = name.split(".").map((label) => (/[^\x20-\x7e]/.test(label) ? domainToASCII(label) : label));
  const broken = labels.some((label, i) => label === "" && /[^\x20-\x7e]/.test(name.split(".")[i]!));
  return broken ? undefined : labels.join(".");
}

/** A host as stored: Punycode, no trailing dot ("." stays "." for a null MX). */
export function canonicalHostname(value: string): string | undefined {
  const text = value.trim();
  if (text === ".") return ".";
  return toPunycode(text.replace(/\.$/, ""));
}

/** "@", a label relative to the zone or an FQDN inside it -> the FQDN, in Punycode. */
export function recordFqdn(name: string, zoneName: string): string | undefined {
  const apex = zoneName.toLowerCase();
  const trimmed = name.trim();
  const host = canonicalHostname(trimmed)?.toLowerCase();
  if (host === undefined) return undefined;
  if (host === "@" || host === "" || host === apex) return apex;
  if (trimmed.endsWith(".") || host.endsWith(`.${apex}`)) return host;
  return `${host}.${apex}`;
}

/** RFC 5952 text of an IPv6 address (the WHATWG URL serialiser produces it). */
export function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]`).hostname.slice(1, -1);
}
