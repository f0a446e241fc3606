// JSON Schema of one response header rule in a zone file's `response_headers:` list (phase
// http_response_headers_transform, action rewrite): headers to set, add (a value or an expression) or remove.
import type { JsonSchema } from "../kind.ts";
import { headerSchemaProperties } from "../shared/ruleset-phase/headers.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const responseHeaderRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Response header rule (Transform Rules)",
  expression: "Which responses get the header changes (Rules language; response fields such as http.response.code are available here).",
  properties: headerSchemaProperties(["set", "add", "remove"], "response"),
});
