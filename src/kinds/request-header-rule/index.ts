// Request header rules (Transform Rules): the `request_headers:` key of a zone file, one ruleset phase (http_request_late_transform).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandRequestHeaders } from "./expand.ts";
import { requestHeaderPhase } from "./normalise.ts";
import { expressionRule, headersRule, uniqueRefRule } from "./rules.ts";
import { requestHeaderRuleSchema } from "./schema.ts";
import { requestHeaderPlacement, requestHeaderRuleKindId } from "./spec.ts";

export const requestHeaderRuleKind: KindDefinition<typeof requestHeaderRuleKindId, ZonePlacement> = {
  id: requestHeaderRuleKindId,
  title: "Request header rule",
  plural: "request header rules",
  placement: requestHeaderPlacement,
  schema: requestHeaderRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, headersRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandRequestHeaders(state, out),
  ordered: true,
  applyOrder: 3.42,
  permissions: [{ scope: "Zone", group: "Transform Rules" }],
  docs: phaseDocs(requestHeaderPhase, "Transform Rules' request header changes: headers set or removed before the origin"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
