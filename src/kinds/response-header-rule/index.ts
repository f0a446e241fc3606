// Response header rules (Transform Rules): the `response_headers:` key of a zone file, one ruleset phase (http_response_headers_transform).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandResponseHeaders } from "./expand.ts";
import { responseHeaderPhase } from "./normalise.ts";
import { expressionRule, headersRule, uniqueRefRule } from "./rules.ts";
import { responseHeaderRuleSchema } from "./schema.ts";
import { responseHeaderPlacement, responseHeaderRuleKindId } from "./spec.ts";

export const responseHeaderRuleKind: KindDefinition<typeof responseHeaderRuleKindId, ZonePlacement> = {
  id: responseHeaderRuleKindId,
  title: "Response header rule",
  plural: "response header rules",
  placement: responseHeaderPlacement,
  schema: responseHeaderRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, headersRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandResponseHeaders(state, out),
  ordered: true,
  applyOrder: 3.43,
  permissions: [{ scope: "Zone", group: "Transform Rules" }],
  docs: phaseDocs(responseHeaderPhase, "Transform Rules' response header changes: headers set, added or removed for the visitor"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
