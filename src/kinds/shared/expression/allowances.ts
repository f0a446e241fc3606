// Where a field or function may be used. Cloudflare allows some only in certain phases (response
// fields in response phases, regex_replace() in rewrite and redirect-target expressions); the
// tables in fields.ts and functions.ts say so with "<phase>" or "<phase>:<use>" entries, and the
// parser checks them against the context it is given. Without a phase everything is allowed.

/** What an expression is in its rule: the filter (the rule's `expression`) or a redirect's target URL. */
export type ExpressionUse = "filter" | "target_url";

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
};

/** "rate-limiting rules' expressions", "redirect rules' target URLs". */
export function describeContext(context: ExpressionContext): string {
  const phase = context.phase === undefined ? "this phase" : (phaseTitles[context.phase] ?? `phase ${context.phase}`);
  return context.use === "target_url" ? `${phase}' target URLs` : `${phase}' expressions`;
}

/** For the hint: where an entry may be used, in words. */
export function describeAllowances(allowances: readonly Allowance[]): string {
  return allowances
    .map((entry) => {
      const [phase = "", use] = entry.split(":");
      const where = phase === "*" ? "any phase" : (phaseTitles[phase] ?? phase);
      return use === "target_url" ? `${where === "any phase" ? "redirect" : where} target URLs` : where;
    })
    .join(", ");
}
