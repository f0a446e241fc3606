// Origin rules: the `origin_rules:` key of a zone file, one ruleset phase (http_request_origin).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandOriginRules } from "./expand.ts";
import { originPhase } from "./normalise.ts";
import { expressionRule, routeRule, uniqueRefRule } from "./rules.ts";
import { originRuleSchema } from "./schema.ts";
import { originPlacement, originRuleKindId } from "./spec.ts";

export const originRuleKind: KindDefinition<typeof originRuleKindId, ZonePlacement> = {
  id: originRuleKindId,
  title: "Origin rule",
  plural: "origin rules",
  placement: originPlacement,
  schema: originRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, routeRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandOriginRules(state, out),
  ordered: true,
  applyOrder: 3.44,
  permissions: [{ scope: "Zone", group: "Origin Rules", api: "Origin" }],
  docs: phaseDocs(originPhase, "origin rules: Host header, DNS record, port and SNI overrides"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
