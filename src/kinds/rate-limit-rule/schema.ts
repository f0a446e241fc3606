// JSON Schema of one rate-limiting rule in a zone file's `rate_limits:` list (phase http_ratelimit).
// Periods and timeouts are the values Cloudflare's API accepts (developers.cloudflare.com/waf/
// rate-limiting-rules/parameters); which of them a plan allows is Cloudflare's to say.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const rateLimitActions = ["block", "challenge", "js_challenge", "managed_challenge", "log"] as const;
export type RateLimitAction = (typeof rateLimitActions)[number];

export const rateLimitPeriods = [10, 60, 120, 300, 600, 3600] as const;
export const mitigationTimeouts = [0, 10, 60, 120, 300, 600, 3600, 86400] as const;

export const rateLimitRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Rate-limiting rule",
  expression: "Which requests are counted (Rules language).",
  required: ["characteristics", "period", "requests_per_period", "action"],
  properties: {
    characteristics: {
      description: "What requests are grouped by; must include cf.colo.id (e.g. [cf.colo.id, ip.src]).",
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      uniqueItems: true,
    },
    period: { description: "Seconds over which requests are counted.", enum: [...rateLimitPeriods] },
    requests_per_period: { description: "Requests allowed per period before the action applies.", type: "integer", minimum: 1 },
    mitigation_timeout: { description: "Seconds the action lasts once triggered; default 0 (challenges on Free, Pro and Business need 0).", enum: [...mitigationTimeouts] },
    requests_to_origin: { description: "Count only requests that reach the origin (not cached ones). Default false.", type: "boolean" },
    action: { enum: [...rateLimitActions] },
  },
});
