// The `rate_limits:` key of a zone file: rate-limiting rules (phase http_ratelimit), in order.
import type { SourceLocation } from "../../desired-state/types.ts";
import { fragment, isRecord, type ZonePlacement } from "../kind.ts";
import { phaseCount, phaseToYaml } from "../shared/ruleset-phase/expand.ts";
import { rateLimitPhase } from "./normalise.ts";
import { rateLimitRuleSchema, type RateLimitAction } from "./schema.ts";

export { rateLimitRuleKindId } from "./normalise.ts";

export interface RateLimitRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  characteristics: string[];
  period: number;
  requests_per_period: number;
  mitigation_timeout?: number;
  requests_to_origin?: boolean;
  action: RateLimitAction;
  enabled: boolean; // default true
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the rate-limiting phase is not owned by this file */
    rate_limits?: RateLimitRuleSpec[];
  }
}

function buildRule(raw: Record<string, unknown>, source: SourceLocation): RateLimitRuleSpec {
  const rule: RateLimitRuleSpec = {
    ref: String(raw.ref),
    expression: String(raw.expression),
    characteristics: Array.isArray(raw.characteristics) ? raw.characteristics.map(String) : [],
    period: Number(raw.period),
    requests_per_period: Number(raw.requests_per_period),
    action: raw.action as RateLimitAction,
    enabled: raw.enabled !== false,
    source,
  };
  if (typeof raw.description === "string") rule.description = raw.description;
  if (typeof raw.mitigation_timeout === "number") rule.mitigation_timeout = raw.mitigation_timeout;
  if (typeof raw.requests_to_origin === "boolean") rule.requests_to_origin = raw.requests_to_origin;
  return rule;
}

export const rateLimitPlacement: ZonePlacement = {
  scope: "zone",
  keys: { rate_limits: { description: "Rate-limiting rules (phase http_ratelimit), evaluated in this order.", schema: { type: "array", items: fragment(rateLimitRuleSchema) } } },
  build(raw, zone, ctx) {
    if (!Array.isArray(raw.rate_limits)) return;
    const rules: RateLimitRuleSpec[] = [];
    raw.rate_limits.forEach((item, index) => {
      if (!isRecord(item) || ctx.failed(`rate_limits/${index}`)) return;
      const source = ctx.at(["rate_limits", index]);
      const rule = buildRule(item, source);
      ctx.register(rule, ["rate_limits", index], source);
      rules.push(rule);
    });
    zone.rate_limits = rules;
  },
  count: (zone) => phaseCount(rateLimitPhase, zone),
  toYaml: (live) => phaseToYaml(rateLimitPhase, live),
};
