// The description is what the Cloudflare dashboard and the security event log show; "rule-3" tells nobody why.
import { definePolicy } from "../define-policy.ts";
import { firewallResource } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface DescribedParams {
  min_length: number;
}

export const firewallRuleDescribed = definePolicy<DescribedParams>({
  id: "firewall-rule-described",
  description: "Every firewall rule has a description saying why it exists",
  level: "advisory",
  remediation: "add description: <why this rule exists> to the rule",
  paramsSchema: {
    type: "object",
    properties: { min_length: { type: "integer", minimum: 1, default: 1 } },
    additionalProperties: false,
  },
  tightening: { min_length: "higher" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const rule of zone.firewall ?? []) {
        const text = (rule.description ?? "").trim();
        if (text.length >= params.min_length) continue;
        findings.push({
          resource: firewallResource(zone, rule.ref),
          message: text === ""
            ? `firewall rule ${rule.ref} in ${zone.zone} has no description`
            : `firewall rule ${rule.ref} in ${zone.zone} has a description shorter than ${params.min_length} characters`,
          source: rule.source,
        });
      }
    }
    return findings;
  },
});
