// Semantic rules for compression rules: unique refs, filters for the phase (shared; response
// fields allowed), and an algorithm list Cloudflare can follow: each once, none alone, auto or
// default only last (developers.cloudflare.com/rules/compression-rules/settings/).
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { compressionPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(compressionPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(compressionPhase);

export const algorithmsRule: ZoneRule = {
  name: "compression-rule-algorithms",
  check({ zone, locate }, report) {
    for (const rule of zone.compression_rules ?? []) {
      const { algorithms } = rule;
      algorithms.forEach((name, index) => {
        const at = locate(rule, ["algorithms", index]);
        if (algorithms.indexOf(name) !== index) report({ code: "compression-rule-algorithms", message: `${name} is listed twice`, hint: "list each algorithm once, in order of preference" }, at);
        else if (name === "none" && algorithms.length > 1) report({ code: "compression-rule-algorithms", message: "none turns compression off, so it stands alone", hint: "algorithms: [none]" }, at);
        else if ((name === "auto" || name === "default") && index !== algorithms.length - 1) report({ code: "compression-rule-algorithms", message: `${name} hands the choice to Cloudflare, so it can only come last`, hint: `algorithms: [${[...algorithms.filter((a) => a !== name), name].join(", ")}]` }, at);
      });
    }
  },
};
