// Rate-limiting rules: the `rate_limits:` key of a zone file, one ruleset phase (http_ratelimit).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandRateLimits } from "./expand.ts";
import { characteristicsRule, expressionRule, mitigationRule, uniqueRefRule } from "./rules.ts";
import { rateLimitRuleSchema } from "./schema.ts";
import { rateLimitPlacement, rateLimitRuleKindId } from "./spec.ts";

export const rateLimitRuleKind: KindDefinition<typeof rateLimitRuleKindId, ZonePlacement> = {
  id: rateLimitRuleKindId,
  title: "Rate-limiting rule",
  plural: "rate-limiting rules",
  placement: rateLimitPlacement,
  schema: rateLimitRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, characteristicsRule, mitigationRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandRateLimits(state, out),
  ordered: true,
  applyOrder: 3.1,
  permissions: [{ scope: "Zone", group: "Zone WAF" }],
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
