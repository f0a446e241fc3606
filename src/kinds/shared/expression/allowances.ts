// Where a field or function may be used. Cloudflare allows some only in certain phases (response
// fields in response phases, regex_replace() in rewrite and redirect-target expressions); the
// tables in fields.ts and functions.ts say so with "<phase>" or "<phase>:<use>" entries, and the
// parser checks them against the context it is given. Without a phase everything is allowed.

/**
 * What an expression is in its rule: the filter (the rule's `expression`), a redirect's target URL,
 * or a Transform Rule's rewrite expression (a URL path or query, a header's value).
 */
export type ExpressionUse = "filter" | "target_url" | "rewrite";

export interface ExpressionContext {
  /** Cloudflare's phase, e.g. http_ratelimit; undefined: any phase (no restriction). */
  phase?: string;
  use?: ExpressionUse;
}

/** "<phase>", "<phase>:<use>" or "*:<use>". */
export type Allowance = string;

export function allowed(allowances: readonly Allowance[] | undefined, context: ExpressionContext): boolean {
  if (!allowances || context.phase === undefined) return true;
  const use = context.use ?? "filter";
  return allowances.some((entry) => entry === context.phase || entry === `${context.phase}:${use}` || entry === `*:${use}`);
}

const phaseTitles: Readonly<Record<string, string>> = {
  http_request_firewall_custom: "custom firewall rules",
  http_ratelimit: "rate-limiting rules",
  http_request_cache_settings: "cache rules",
  http_request_dynamic_redirect: "redirect rules",
  http_request_transform: "URL rewrite rules",
  http_request_late_transform: "request header rules",
  http_response_headers_transform: "response header rules",
  http_request_origin: "origin rules",
  http_config_settings: "configuration rules",
  http_response_compression: "compression rules",
  http_request_redirect: "bulk redirect rules",
};

const useTitles: Readonly<Record<ExpressionUse, string>> = { filter: "expressions", target_url: "target URLs", rewrite: "rewrite expressions" };

/** "rate-limiting rules' expressions", "redirect rules' target URLs", "URL rewrite rules' rewrite expressions". */
export function describeContext(context: ExpressionContext): string {
  const phase = context.phase === undefined ? "this phase" : (phaseTitles[context.phase] ?? `phase ${context.phase}`);
  return `${phase}' ${useTitles[context.use ?? "filter"]}`;
}

/** For the hint: where an entry may be used, in words. */
export function describeAllowances(allowances: readonly Allowance[]): string {
  return allowances
    .map((entry) => {
      const [phase = "", use] = entry.split(":");
      if (phase === "*") return use === "rewrite" ? "Transform Rules' rewrite expressions" : "redirect target URLs";
      const where = phaseTitles[phase] ?? phase;
      return use === undefined || use === "filter" ? where : `${where}' ${useTitles[use as ExpressionUse] ?? use}`;
    })
    .join(", ");
}
