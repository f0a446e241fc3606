// JSON Schema of one origin rule in a zone file's `origin_rules:` list (phase http_request_origin,
// action route): a Host header override, a DNS record (host) and/or destination port override, an SNI override.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

const hostname: JsonSchema = { type: "string", minLength: 1, maxLength: 253, pattern: "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$" };

export const originRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Origin rule",
  expression: "Which requests are routed (Rules language).",
  properties: {
    host_header: { ...hostname, description: "Rewrite the Host header sent to the origin." },
    origin: {
      description: "Override where the request goes: host (a DNS record's name, resolved instead of the request's host) and/or port.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        host: { ...hostname, description: "The host name resolved instead of the request's (a DNS record in your zone)." },
        port: { description: "The destination port.", type: "integer", minimum: 1, maximum: 65535 },
      },
    },
    sni: { ...hostname, description: "The Server Name Indication sent to the origin." },
  },
});
