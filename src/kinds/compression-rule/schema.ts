// JSON Schema of one compression rule in a zone file's `compression_rules:` list (phase
// http_response_compression, action compress_response): the algorithms, in order of preference.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

/** As the API names them (the SDK's CompressResponseRule; zstd is newer than the 2024 schema). */
export const compressionAlgorithms = ["zstd", "brotli", "gzip", "auto", "default", "none"] as const;

export const compressionRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Compression rule",
  expression: "Which responses the rule applies to (Rules language; response fields such as http.response.content_type.media_type are available here).",
  required: ["algorithms"],
  properties: {
    algorithms: {
      description: "Compression algorithms in order of preference: zstd, brotli, gzip; auto (Cloudflare's order) or default (its per-content-type behaviour) last; none alone turns compression off.",
      type: "array",
      minItems: 1,
      items: { enum: [...compressionAlgorithms] },
    },
  },
});
