// Semantic rules for redirects: unique refs, expressions for the redirect phase (shared), and a
// target URL that is one of a fixed value or an expression Cloudflare accepts for target URLs.
import type { ZoneRule } from "../kind.ts";
import { checkExpressionField, expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { redirectPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(redirectPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(redirectPhase);

export const targetRule: ZoneRule = {
  name: "redirect-target",
  check(input, report) {
    for (const rule of input.zone.redirects ?? []) {
      const { value, expression } = rule.target_url;
      if (value !== undefined && expression !== undefined) {
        report({ code: "redirect-target-both", message: "target_url takes a value or an expression, not both", hint: "value for a fixed URL, expression to build one from the request" }, input.locate(rule, ["target_url", "expression"]));
        continue;
      }
      if (expression === undefined) continue;
      const context = { phase: redirectPhase.phase, use: "target_url" as const };
      checkExpressionField("redirect", { target: rule, field: ["target_url", "expression"], text: expression, context, shape: "value" }, input, report);
    }
  },
};
