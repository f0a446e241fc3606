// Cache rules: the `cache_rules:` key of a zone file, one ruleset phase (http_request_cache_settings).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandCacheRules } from "./expand.ts";
import { expressionRule, ttlRule, uniqueRefRule } from "./rules.ts";
import { cacheRuleSchema } from "./schema.ts";
import { cachePlacement, cacheRuleKindId } from "./spec.ts";

export const cacheRuleKind: KindDefinition<typeof cacheRuleKindId, ZonePlacement> = {
  id: cacheRuleKindId,
  title: "Cache rule",
  plural: "cache rules",
  placement: cachePlacement,
  schema: cacheRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, ttlRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandCacheRules(state, out),
  ordered: true,
  applyOrder: 3.2,
  permissions: [{ scope: "Zone", group: "Cache Rules", api: "Cache Settings" }],
  docs: {
    model: "ruleset phase",
    what: "cache rules (phase `http_request_cache_settings`), in order",
    owns: [["`cache_rules:`", "every rule of phase http_request_cache_settings, in order", "the phase, while the key is absent"]],
    pulumi: [["cache rules of a zone", "one `cloudflare.Ruleset` (`http_request_cache_settings`), rules in order with their `ref`", "`example.com/cache_rules`"]],
    ids: [["cache rule", "`example.com/cache_rules/<ref>`"]],
    calls: "the phase's entrypoint ruleset",
    importNone: "no `cache_rules:` key",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
