// URL rewrite rules (Transform Rules): the `url_rewrites:` key of a zone file, one ruleset phase (http_request_transform).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { phaseDocs } from "../shared/ruleset-phase/docs.ts";
import { expandUrlRewrites } from "./expand.ts";
import { urlRewritePhase } from "./normalise.ts";
import { expressionRule, rewriteRule, uniqueRefRule } from "./rules.ts";
import { urlRewriteRuleSchema } from "./schema.ts";
import { urlRewritePlacement, urlRewriteRuleKindId } from "./spec.ts";

export const urlRewriteRuleKind: KindDefinition<typeof urlRewriteRuleKindId, ZonePlacement> = {
  id: urlRewriteRuleKindId,
  title: "URL rewrite rule",
  plural: "URL rewrite rules",
  placement: urlRewritePlacement,
  schema: urlRewriteRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, rewriteRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandUrlRewrites(state, out),
  ordered: true,
  applyOrder: 3.41,
  permissions: [{ scope: "Zone", group: "Transform Rules" }],
  docs: phaseDocs(urlRewritePhase, "Transform Rules' URL rewrites: the path and query a request is rewritten to"),
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
