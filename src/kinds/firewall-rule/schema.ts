// JSON Schema of one WAF custom rule in a zone file's `firewall:` list.
import type { JsonSchema } from "../kind.ts";

export const firewallActions = ["block", "challenge", "managed_challenge", "js_challenge", "log", "skip"] as const;
export type FirewallAction = (typeof firewallActions)[number];

export const skipPhases = ["http_ratelimit", "http_request_firewall_managed", "http_request_sbfm"] as const;
export const skipProducts = ["bic", "hot", "rateLimit", "securityLevel", "uaBlock", "waf", "zoneLockdown"] as const;

export const firewallRuleSchema: JsonSchema = {
  title: "Firewall (WAF custom) rule",
  type: "object",
  additionalProperties: false,
  required: ["ref", "expression", "action"],
  properties: {
    ref: {
      description: "Stable identity of the rule; renaming it replaces the rule.",
      type: "string",
      pattern: "^[a-z0-9][a-z0-9_-]{0,63}$",
    },
    description: { type: "string", maxLength: 500 },
    expression: { description: "Cloudflare Rules language expression.", type: "string", minLength: 1, maxLength: 4096 },
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
    enabled: { description: "Default true.", type: "boolean" },
  },
};
