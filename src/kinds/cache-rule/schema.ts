// JSON Schema of one cache rule in a zone file's `cache_rules:` list (phase
// http_request_cache_settings, action set_cache_settings). TTL modes as the API takes them.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const edgeTtlModes = ["respect_origin", "bypass_by_default", "override_origin"] as const;
export const browserTtlModes = ["respect_origin", "bypass_by_default", "override_origin", "bypass"] as const;
/** The longest TTL Cloudflare takes: one year. */
export const maxTtl = 31_536_000;

function ttlSchema(what: string, modes: readonly string[]): JsonSchema {
  return {
    description: `How long ${what} keep a response: respect_origin (its Cache-Control), override_origin (default seconds), ${modes.slice(1).filter((m) => m !== "override_origin").join(" or ")}.`,
    type: "object",
    additionalProperties: false,
    required: ["mode"],
    properties: {
      mode: { enum: [...modes] },
      default: { description: `Seconds, with mode override_origin (1 to ${maxTtl}).`, type: "integer" },
    },
  };
}

export const cacheRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Cache rule",
  expression: "Which requests the rule applies to (Rules language).",
  properties: {
    cache: { description: "true: eligible for cache; false: bypass the cache.", type: "boolean" },
    edge_ttl: ttlSchema("Cloudflare's edge servers", edgeTtlModes),
    browser_ttl: ttlSchema("browsers", browserTtlModes),
  },
});
