// The `url_rewrites:` key of a zone file: URL rewrite rules (phase http_request_transform), in order.
import type { SourceLocation } from "../../desired-state/types.ts";
import { phasePlacement, phaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { valueOrExpressionSpec, type ValueOrExpressionSpec } from "../shared/ruleset-phase/value-or-expression.ts";
import { urlRewritePhase } from "./normalise.ts";
import { urlRewriteRuleSchema } from "./schema.ts";

export { urlRewriteRuleKindId } from "./normalise.ts";

export interface UrlRewriteRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  path?: ValueOrExpressionSpec;
  query?: ValueOrExpressionSpec;
  enabled: boolean; // default true
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the URL rewrite phase is not owned by this file */
    url_rewrites?: UrlRewriteRuleSpec[];
  }
}

export const urlRewritePlacement = phasePlacement(urlRewritePhase, {
  description: "URL rewrite rules (Transform Rules, phase http_request_transform), evaluated in this order.",
  schema: urlRewriteRuleSchema,
  build(raw, source) {
    const rule: UrlRewriteRuleSpec = phaseRuleSpec(raw, source);
    const path = valueOrExpressionSpec(raw.path);
    if (path) rule.path = path;
    const query = valueOrExpressionSpec(raw.query);
    if (query) rule.query = query;
    return rule;
  },
  assign: (zone, rules) => void (zone.url_rewrites = rules),
});
