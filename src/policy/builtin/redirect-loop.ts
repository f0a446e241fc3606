// A redirect whose fixed target is itself matched by the rule sends the browser round in circles
// ("too many redirects"): the site is unreachable at that URL.
import { evaluate, parseExpression, sampleFromUrl } from "../../kinds/shared/expression/index.ts";
import { phaseRuleId } from "../../kinds/shared/ruleset-phase/phase.ts";
import { zoneOf } from "../../kinds/shared/names.ts";
import { definePolicy, noParams } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export const redirectLoop = definePolicy({
  id: "redirect-loop",
  description: "No redirect may send a request to a URL that the same rule redirects again",
  level: "mandatory",
  remediation: "narrow the expression so that it does not match its own target (for example add `and not http.request.uri.path eq \"/new\"`)",
  paramsSchema: noParams,
  checkState(desired) {
    const findings: Finding[] = [];
    const zones = desired.zones.map((zone) => zone.zone);
    for (const zone of desired.zones) {
      for (const rule of zone.redirects ?? []) {
        const target = rule.target_url.value;
        if (!rule.enabled || target === undefined || !URL.canParse(target)) continue;
        const url = new URL(target);
        // the rule runs only for requests to its own zone
        if (zoneOf(url.hostname.toLowerCase(), zones) !== zone.zone) continue;
        const parsed = parseExpression(rule.expression);
        if (!parsed.ok || evaluate(parsed.ast, sampleFromUrl(url)) !== true) continue;
        findings.push({
          resource: phaseRuleId(zone.zone, "redirects", rule.ref),
          message: `redirect ${rule.ref} in ${zone.zone} sends requests to ${target}, which its own expression matches: a redirect loop`,
          source: rule.source,
        });
      }
    }
    return findings;
  },
});
