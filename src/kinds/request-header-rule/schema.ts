// JSON Schema of one request header rule in a zone file's `request_headers:` list (phase
// http_request_late_transform, action rewrite): headers to set (a value or an expression) or remove.
import type { JsonSchema } from "../kind.ts";
import { headerSchemaProperties } from "../shared/ruleset-phase/headers.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

export const requestHeaderRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Request header rule (Transform Rules)",
  expression: "Which requests get the header changes (Rules language).",
  properties: headerSchemaProperties(["set", "remove"], "request"),
});
