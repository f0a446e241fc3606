// The `cache_rules:` key of a zone file: cache rules (phase http_request_cache_settings), in order.
import type { SourceLocation } from "../../desired-state/types.ts";
import { fragment, isRecord, type ZonePlacement } from "../kind.ts";
import { phaseCount, phaseToYaml } from "../shared/ruleset-phase/expand.ts";
import { cachePhase, cacheSettings, type Ttl } from "./normalise.ts";
import { cacheRuleSchema } from "./schema.ts";

export { cacheRuleKindId } from "./normalise.ts";

export interface CacheRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  cache?: boolean;
  edge_ttl?: Ttl;
  browser_ttl?: Ttl;
  enabled: boolean; // default true
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the cache settings phase is not owned by this file */
    cache_rules?: CacheRuleSpec[];
  }
}

function buildRule(raw: Record<string, unknown>, source: SourceLocation): CacheRuleSpec {
  const rule: CacheRuleSpec = { ref: String(raw.ref), expression: String(raw.expression), enabled: raw.enabled !== false, source };
  if (typeof raw.description === "string") rule.description = raw.description;
  return { ...rule, ...cacheSettings(raw) };
}

export const cachePlacement: ZonePlacement = {
  scope: "zone",
  keys: { cache_rules: { description: "Cache rules (phase http_request_cache_settings), evaluated in this order.", schema: { type: "array", items: fragment(cacheRuleSchema) } } },
  build(raw, zone, ctx) {
    if (!Array.isArray(raw.cache_rules)) return;
    const rules: CacheRuleSpec[] = [];
    raw.cache_rules.forEach((item, index) => {
      if (!isRecord(item) || ctx.failed(`cache_rules/${index}`)) return;
      const source = ctx.at(["cache_rules", index]);
      const rule = buildRule(item, source);
      ctx.register(rule, ["cache_rules", index], source);
      rules.push(rule);
    });
    zone.cache_rules = rules;
  },
  count: (zone) => phaseCount(cachePhase, zone),
  toYaml: (live) => phaseToYaml(cachePhase, live),
};
