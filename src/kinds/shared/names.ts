// Host names, shared by every kind and the core: one canonical form, and the zone a name is in.
import { domainToASCII, domainToUnicode } from "node:url";

const nonAscii = /[^ -~]/; // anything but printable ASCII

/**
 * Lower-case, no trailing dot, Unicode labels in Punycode: the form Cloudflare stores ("Domain names
 * are always represented in Punycode, even if Unicode characters were used when creating the
 * record", API reference), so `ööö` and `xn--ndaaa` are one name. A label with no Punycode form is
 * kept as written (validation reports it: dns-name-invalid).
 */
export function canonicalHost(name: string): string {
  const host = name.trim().replace(/\.$/, "").toLowerCase();
  if (!nonAscii.test(host)) return host;
  return host.split(".").map((label) => (nonAscii.test(label) ? domainToASCII(label) || label : label)).join(".");
}

/** The labels of a host name that have no Punycode form (empty: the name can be stored). */
export function unencodableLabels(name: string): string[] {
  return name.trim().replace(/\.$/, "").split(".").filter((label) => nonAscii.test(label) && domainToASCII(label) === "");
}

/** The Unicode spelling of a canonical host with Punycode labels, else undefined (nothing to show). */
export function unicodeHost(host: string): string | undefined {
  if (!/(^|\.)xn--/.test(host)) return undefined;
  const shown = host.split(".").map((label) => (label.startsWith("xn--") ? domainToUnicode(label) || label : label)).join(".");
  return shown === host ? undefined : shown;
}

/** The zone a host name belongs to: the longest zone name it equals or ends with. */
export function zoneOf(hostname: string, zones: Iterable<string>): string | undefined {
  const host = canonicalHost(hostname);
  let best: string | undefined;
  for (const zone of zones) {
    if ((host === zone || host.endsWith(`.${zone}`)) && (best === undefined || zone.length > best.length)) best = zone;
  }
  return best;
}
