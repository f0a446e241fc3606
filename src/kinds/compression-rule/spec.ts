// The `compression_rules:` key of a zone file: compression rules (phase http_response_compression), in order.
import { phasePlacement, phaseRuleSpec, type PhaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { algorithmNames, compressionPhase } from "./normalise.ts";
import { compressionRuleSchema } from "./schema.ts";

export { compressionRuleKindId } from "./normalise.ts";

export interface CompressionRuleSpec extends PhaseRuleSpec {
  algorithms: string[];
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the compression rules phase is not owned by this file */
    compression_rules?: CompressionRuleSpec[];
  }
}

export const compressionPlacement = phasePlacement(compressionPhase, {
  description: "Compression rules (phase http_response_compression): the compression algorithms for matching responses, evaluated in this order.",
  schema: compressionRuleSchema,
  build: (raw, source): CompressionRuleSpec => ({ ...phaseRuleSpec(raw, source), algorithms: algorithmNames(raw.algorithms) }),
  assign: (zone, rules) => void (zone.compression_rules = rules),
});
