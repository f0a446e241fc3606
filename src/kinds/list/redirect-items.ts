// The items of a redirect list (Bulk Redirects): a URL redirect each. The YAML names them as the
// issue does (source, target, status and the four flags); the API as source_url, target_url,
// status_code. Compared with Cloudflare's defaults explicit (301, every flag false), so an item
// that leaves them out equals the live one the API fills in.
import { isRecord } from "../kind.ts";

/** The status codes Cloudflare takes for a URL redirect (the API's and the SDK's list; not 303). */
export const bulkRedirectStatuses = [301, 302, 307, 308] as const;

export const redirectFlags = ["preserve_query_string", "include_subdomains", "subpath_matching", "preserve_path_suffix"] as const;
export type RedirectFlag = (typeof redirectFlags)[number];

export interface RedirectItemValue extends Record<RedirectFlag, boolean> {
  source: string;
  target: string;
  status: number;
}

/** From the YAML ({ source, target, status }) or the API ({ source_url, target_url, status_code }). */
export function redirectItemValue(raw: unknown): RedirectItemValue {
  const fields = isRecord(raw) ? raw : {};
  const status = fields.status ?? fields.status_code;
  const value: RedirectItemValue = {
    source: String(fields.source ?? fields.source_url ?? ""),
    target: String(fields.target ?? fields.target_url ?? ""),
    status: typeof status === "number" ? status : 301,
    preserve_query_string: false,
    include_subdomains: false,
    subpath_matching: false,
    preserve_path_suffix: false,
  };
  for (const flag of redirectFlags) value[flag] = fields[flag] === true;
  return value;
}

/** As the items PUT takes it. */
export function redirectItemToApi(item: RedirectItemValue): Record<string, unknown> {
  return {
    source_url: item.source,
    target_url: item.target,
    status_code: item.status,
    include_subdomains: item.include_subdomains,
    subpath_matching: item.subpath_matching,
    preserve_query_string: item.preserve_query_string,
    preserve_path_suffix: item.preserve_path_suffix,
  };
}

/** As `import` writes it: source and target, then only what differs from Cloudflare's defaults. */
export function redirectItemYaml(item: RedirectItemValue): Record<string, unknown> {
  const out: Record<string, unknown> = { source: item.source, target: item.target };
  if (item.status !== 301) out.status = item.status;
  for (const flag of redirectFlags) if (item[flag]) out[flag] = true;
  return out;
}
