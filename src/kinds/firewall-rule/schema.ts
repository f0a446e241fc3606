// JSON Schema of one WAF custom rule in a zone file's `firewall:` list.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const firewallActions = ["block", "challenge", "managed_challenge", "js_challenge", "log", "skip"] as const;
export type FirewallAction = (typeof firewallActions)[number];

export const skipPhases = ["http_ratelimit", "http_request_firewall_managed", "http_request_sbfm"] as const;
export const skipProducts = ["bic", "hot", "rateLimit", "securityLevel", "uaBlock", "waf", "zoneLockdown"] as const;

export const firewallRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Firewall (WAF custom) rule",
  expression: "Cloudflare Rules language expression.",
  required: ["action"],
  properties: {
    action: { enum: [...firewallActions] },
    action_parameters: {
      description: "For action skip: what to skip.",
      type: "object",
      additionalProperties: false,
      properties: {
        ruleset: { const: "current", description: "Skip the remaining custom rules." },
        phases: { type: "array", items: { enum: [...skipPhases] }, uniqueItems: true },
        products: { type: "array", items: { enum: [...skipProducts] }, uniqueItems: true },
      },
      minProperties: 1,
    },
  },
});
