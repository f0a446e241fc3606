// JSON Schema of one URL rewrite rule in a zone file's `url_rewrites:` list (phase
// http_request_transform, action rewrite): the path and/or the query, each a value or an expression.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";
import { valueOrExpressionSchema } from "../shared/ruleset-phase/value-or-expression.ts";

export const urlRewriteRuleSchema: JsonSchema = phaseRuleSchema({
  title: "URL rewrite rule (Transform Rules)",
  expression: "Which requests are rewritten (Rules language; URL rewrites allow request fields only).",
  properties: {
    path: valueOrExpressionSchema("The path to rewrite the request to (starting with /)", { pattern: "^/" }),
    query: valueOrExpressionSchema("The query string to rewrite the request to (without the ?)"),
  },
});
