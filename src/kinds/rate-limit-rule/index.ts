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
  docs: {
    model: "ruleset phase",
    what: "rate-limiting rules (phase `http_ratelimit`), in order",
    owns: [["`rate_limits:`", "every rule of phase http_ratelimit, in order", "the phase, while the key is absent"]],
    pulumi: [["rate-limiting rules of a zone", "one `cloudflare.Ruleset` (`http_ratelimit`), rules in order with their `ref`", "`example.com/rate_limits`"]],
    ids: [["rate-limiting rule", "`example.com/rate_limits/<ref>`"]],
    calls: "the phase's entrypoint ruleset",
    importNone: "no `rate_limits:` key",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
