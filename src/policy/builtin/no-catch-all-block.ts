// A block or challenge rule whose expression matches every request takes the whole zone offline.
import { matchesEverything, parseExpression } from "../../kinds/shared/expression/index.ts";
import { definePolicy } from "../define-policy.ts";
import { firewallResource } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface NoCatchAllParams {
  actions: string[];
}

export const noCatchAllBlock = definePolicy<NoCatchAllParams>({
  id: "no-catch-all-block",
  description: "No enabled firewall rule may block or challenge every request (an expression that matches everything)",
  level: "mandatory",
  remediation: "narrow the expression (host, path, country, ...) or use action: log while testing",
  paramsSchema: {
    type: "object",
    properties: {
      actions: {
        type: "array",
        items: { enum: ["block", "challenge", "managed_challenge", "js_challenge", "log", "skip"] },
        default: ["block", "challenge", "managed_challenge", "js_challenge"],
      },
    },
    additionalProperties: false,
  },
  tightening: { actions: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const rule of zone.firewall ?? []) {
        if (!rule.enabled || !params.actions.includes(rule.action)) continue;
        const parsed = parseExpression(rule.expression);
        // An unparseable expression is reported by validate; here it cannot be judged.
        if (!parsed.ok || !matchesEverything(parsed.ast)) continue;
        findings.push({
          resource: firewallResource(zone, rule.ref),
          message: `firewall rule ${rule.ref} in ${zone.zone} would ${rule.action} every request: ${rule.expression}`,
          source: rule.source,
        });
      }
    }
    return findings;
  },
});
