// JSON Schema of one single redirect in a zone file's `redirects:` list (phase
// http_request_dynamic_redirect, action redirect). Status codes as the API takes them: the docs
// list 301, 302, 307 and 308; the API, the SDK and the Terraform provider also take 303.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const redirectStatusCodes = [301, 302, 303, 307, 308] as const;

export const redirectRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Redirect rule (single redirect)",
  expression: "Which requests are redirected (Rules language).",
  required: ["target_url"],
  properties: {
    target_url: {
      description: "Where to: a fixed URL (value) or an expression that builds it (expression), not both.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        value: { description: "An absolute http(s) URL.", type: "string", pattern: "^https?://[^\\s]+$" },
        expression: { description: 'Rules language, e.g. concat("https://example.com", http.request.uri.path).', type: "string", minLength: 1, maxLength: 4096 },
      },
    },
    status_code: { description: "Default 301.", enum: [...redirectStatusCodes] },
    preserve_query_string: { description: "Keep the request's query string. Default false.", type: "boolean" },
  },
});
