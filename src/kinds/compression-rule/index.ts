// Compression rules: the `compression_rules:` key of a zone file, one ruleset phase (http_response_compression).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandCompressionRules } from "./expand.ts";
import { compressionPhase } from "./normalise.ts";
import { algorithmsRule, expressionRule, uniqueRefRule } from "./rules.ts";
import { compressionRuleSchema } from "./schema.ts";
import { compressionPlacement, compressionRuleKindId } from "./spec.ts";

export const compressionRuleKind: KindDefinition<typeof compressionRuleKindId, ZonePlacement> = {
  id: compressionRuleKindId,
  title: "Compression rule",
  plural: "compression rules",
  placement: compressionPlacement,
  schema: compressionRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, algorithmsRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandCompressionRules(state, out),
  ordered: true,
  applyOrder: 3.46,
  permissions: [{ scope: "Zone", group: "Compression Rules", api: "Response Compression" }],
  docs: phaseDocs(compressionPhase, "compression rules: the algorithms per response"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
