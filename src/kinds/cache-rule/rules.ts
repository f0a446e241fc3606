// Semantic rules for cache rules: unique refs, expressions for the cache settings phase (shared),
// TTLs with a default exactly when the mode overrides the origin, in range, and a rule that sets something.
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { cachePhase } from "./normalise.ts";
import { maxTtl } from "./schema.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(cachePhase);
export const expressionRule: ZoneRule = phaseExpressionRule(cachePhase);

export const ttlRule: ZoneRule = {
  name: "cache-rule-ttl",
  check({ zone, locate }, report) {
    for (const rule of zone.cache_rules ?? []) {
      for (const key of ["edge_ttl", "browser_ttl"] as const) {
        const ttl = rule[key];
        if (!ttl) continue;
        if (ttl.mode === "override_origin" && ttl.default === undefined) {
          report({ code: "cache-rule-ttl-default", message: `${key} with mode override_origin needs a default (seconds)`, hint: `${key}: { mode: override_origin, default: 86400 }` }, locate(rule, [key, "mode"]));
        } else if (ttl.mode !== "override_origin" && ttl.default !== undefined) {
          report({ code: "cache-rule-ttl-default", message: `${key}.default is used only with mode override_origin, not ${ttl.mode}`, hint: "remove default or use mode: override_origin" }, locate(rule, [key, "default"]));
        } else if (ttl.default !== undefined && (ttl.default < 1 || ttl.default > maxTtl)) {
          report({ code: "cache-rule-ttl-range", message: `${key}.default must be from 1 to ${maxTtl} seconds (a year); got ${ttl.default}`, ...(key === "edge_ttl" ? { hint: "Free plans need at least 7200, Pro at least 3600" } : {}) }, locate(rule, [key, "default"]));
        }
      }
      if (rule.cache === undefined && !rule.edge_ttl && !rule.browser_ttl) {
        report({ code: "cache-rule-empty", message: "the rule sets nothing: give cache, edge_ttl or browser_ttl", hint: "cache: true makes matching requests eligible for cache" }, locate(rule, "ref"));
      }
    }
  },
};
