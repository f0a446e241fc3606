// List items per kind, as Cloudflare accepts them (developers.cloudflare.com/waf/tools/lists/custom-lists):
// IPv4 addresses and CIDRs /8–/32, IPv6 addresses and CIDRs /12–/128 (stored in lower case);
// ASNs as non-negative 32-bit integers; hostnames as { url_hostname } of letters, digits, hyphens
// and a leading "*." wildcard; redirects as { source_url, target_url, … } with defaults filled in
// as a recorded response shows them (cf-terraforming testdata v5/cloudflare_list_item.yaml).
import { isIPv4, isIPv6 } from "node:net";
import type { ListItem, ListKind } from "./types.ts";

export type ItemInput = Omit<ListItem, "id" | "created_on" | "modified_on">;

const hostnamePattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const redirectCodes = [301, 302, 307, 308];

function ipProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "ip must be a string";
  const [address = "", prefix, extra] = value.split("/");
  if (extra !== undefined) return `"${value}" is not an IP address or CIDR`;
  const bits = prefix === undefined ? undefined : Number(prefix);
  if (prefix !== undefined && !/^\d+$/.test(prefix)) return `"${value}" has an invalid prefix length`;
  if (isIPv4(address)) return bits === undefined || (bits >= 8 && bits <= 32) ? undefined : `IPv4 CIDR prefixes must be from /8 to /32; got /${prefix}`;
  if (isIPv6(address)) return bits === undefined || (bits >= 12 && bits <= 128) ? undefined : `IPv6 CIDR prefixes must be from /12 to /128; got /${prefix}`;
  return `"${value}" is not an IP address or CIDR`;
}

/**
 * A URL redirect as Cloudflare takes it (…/bulk-redirects/reference/url-components/): a source URL
 * of host and path only (scheme http or https optional; no user, port, query or fragment), a target
 * URL that is absolute and has a query only without preserve_query_string.
 */
function redirectProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "redirect must be an object";
  const redirect = value as Record<string, unknown>;
  const source = redirect.source_url;
  if (typeof source !== "string" || source === "") return "redirect.source_url is required";
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1];
  if (scheme !== undefined && !["http", "https"].includes(scheme.toLowerCase())) return `redirect.source_url may only use the http or https scheme; got ${scheme}`;
  const parsed = URL.canParse(scheme ? source : `https://${source}`) ? new URL(scheme ? source : `https://${source}`) : undefined;
  if (!parsed) return `redirect.source_url "${source}" is not a valid URL`;
  if (parsed.username || parsed.password || parsed.port || parsed.search || parsed.hash || source.includes("?")) return "redirect.source_url cannot contain user information, a port, a query string or a fragment";
  const target = redirect.target_url;
  if (typeof target !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(target) || !URL.canParse(target)) return "redirect.target_url must be an absolute URL";
  if (redirect.preserve_query_string === true && new URL(target).search !== "") return "redirect.target_url cannot have a query string when preserve_query_string is true";
  if (redirect.status_code !== undefined && !redirectCodes.includes(redirect.status_code as number)) return `redirect.status_code must be one of ${redirectCodes.join(", ")}`;
  for (const flag of ["include_subdomains", "subpath_matching", "preserve_query_string", "preserve_path_suffix"]) {
    if (redirect[flag] !== undefined && typeof redirect[flag] !== "boolean") return `redirect.${flag} must be true or false`;
  }
  return undefined;
}

function valueProblem(kind: ListKind, item: Record<string, unknown>): string | undefined {
  const list = `${kind === "ip" || kind === "asn" ? "an" : "a"} ${kind} list`;
  const others = ["ip", "asn", "hostname", "redirect"].filter((key) => key !== kind && item[key] !== undefined);
  if (others.length > 0) return `${list} cannot hold ${others.join(", ")} items`;
  const value = item[kind];
  if (value === undefined) return `each item of ${list} needs ${kind}`;
  if (kind === "ip") return ipProblem(value);
  if (kind === "asn") return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4_294_967_295 ? undefined : `asn must be a non-negative 32-bit integer; got ${JSON.stringify(value)}`;
  if (kind === "hostname") {
    const host = (value as { url_hostname?: unknown } | null)?.url_hostname;
    return typeof host === "string" && hostnamePattern.test(host.toLowerCase()) ? undefined : `hostname.url_hostname "${String(host)}" is not a valid hostname`;
  }
  return redirectProblem(value);
}

function normalised(kind: ListKind, item: Record<string, unknown>): ItemInput {
  const out: ItemInput = {};
  if (kind === "ip") out.ip = (item.ip as string).toLowerCase();
  else if (kind === "asn") out.asn = item.asn as number;
  else if (kind === "hostname") {
    const host = item.hostname as { url_hostname: string; exclude_exact_hostname?: boolean };
    out.hostname = { url_hostname: host.url_hostname.toLowerCase(), ...(host.exclude_exact_hostname === undefined ? {} : { exclude_exact_hostname: host.exclude_exact_hostname }) };
  } else {
    const redirect = item.redirect as Record<string, unknown>;
    out.redirect = { include_subdomains: false, preserve_path_suffix: false, preserve_query_string: false, status_code: 301, subpath_matching: false, ...redirect };
  }
  if (typeof item.comment === "string" && item.comment !== "") out.comment = item.comment;
  return out;
}

/** Checks a request body of items; returns them normalised, or the problems (each naming its index). */
export function parseItems(kind: ListKind, body: unknown): { items: ItemInput[] } | { problems: string[] } {
  if (!Array.isArray(body)) return { problems: ["the body must be a JSON array of items"] };
  const problems: string[] = [];
  body.forEach((raw, index) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return void problems.push(`item ${index}: must be an object`);
    const problem = valueProblem(kind, raw as Record<string, unknown>);
    if (problem) problems.push(`item ${index}: ${problem}`);
    const comment = (raw as Record<string, unknown>).comment;
    if (comment !== undefined && typeof comment !== "string") problems.push(`item ${index}: comment must be a string`);
  });
  if (kind === "redirect" && problems.length === 0) {
    // "A Bulk Redirect List cannot contain several URL redirects with the exact same source URL."
    const seen = new Set<string>();
    body.forEach((raw, index) => {
      const source = String((raw as { redirect: { source_url: string } }).redirect.source_url);
      if (seen.has(source)) problems.push(`item ${index}: redirect.source_url ${source} is already in the list`);
      seen.add(source);
    });
  }
  return problems.length > 0 ? { problems } : { items: body.map((raw) => normalised(kind, raw as Record<string, unknown>)) };
}

/** The value that makes two items the same item (a later duplicate replaces an earlier one). */
export function itemKey(item: ItemInput): string {
  if (item.ip !== undefined) return `ip:${item.ip}`;
  if (item.asn !== undefined) return `asn:${item.asn}`;
  if (item.hostname) return `hostname:${item.hostname.url_hostname}`;
  return `redirect:${String(item.redirect?.source_url)}`;
}

/** The `search` filter: IPs by prefix, hostnames and redirects by substring, ASNs exactly (per the API docs). */
export function matchesSearch(item: ListItem, search: string): boolean {
  if (item.ip !== undefined) return item.ip.startsWith(search.toLowerCase());
  if (item.asn !== undefined) return String(item.asn) === search;
  if (item.hostname) return item.hostname.url_hostname.includes(search.toLowerCase());
  return JSON.stringify(item.redirect ?? {}).includes(search);
}
