// Semantic rules for URL rewrites: unique refs, filters with the fields URL rewrites allow
// (shared), and a path and/or query, each a value or a rewrite expression Cloudflare accepts:
// request URI and header fields only, concat()/regex_replace()/wildcard_replace() once each, all
// values together at most 4,096 characters.
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { checkValueOrExpression } from "../shared/ruleset-phase/value-or-expression.ts";
import { urlRewritePhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(urlRewritePhase);
export const expressionRule: ZoneRule = phaseExpressionRule(urlRewritePhase);

/** Cloudflare's limit on a URL rewrite's parameter values, all together. */
export const maxRewriteLength = 4096;
const once = ["concat", "regex_replace", "wildcard_replace"] as const;

export const rewriteRule: ZoneRule = {
  name: "url-rewrite-target",
  check(input, report) {
    for (const rule of input.zone.url_rewrites ?? []) {
      if (!rule.path && !rule.query) {
        report({ code: "url-rewrite-empty", message: "the rule rewrites nothing: give path, query or both", hint: 'path: { value: "/new" }' }, input.locate(rule, "ref"));
        continue;
      }
      if (rule.query?.value?.startsWith("?")) {
        report({ code: "url-rewrite-query", message: "query.value starts with ?; Cloudflare takes the query string without it", hint: `query: { value: "${rule.query.value.slice(1)}" }` }, input.locate(rule, ["query", "value"]));
      }
      const length = [rule.path, rule.query].reduce((sum, part) => sum + (part?.value ?? part?.expression ?? "").length, 0);
      if (length > maxRewriteLength) {
        report({ code: "url-rewrite-too-long", message: `the path and query values are ${length} characters together; Cloudflare allows ${maxRewriteLength}` }, input.locate(rule, "ref"));
      }
      for (const part of ["path", "query"] as const) {
        const given = rule[part];
        if (given) checkValueOrExpression("url-rewrite", { target: rule, field: [part], given, context: { phase: urlRewritePhase.phase, use: "rewrite" }, once }, input, report);
      }
    }
  },
};
