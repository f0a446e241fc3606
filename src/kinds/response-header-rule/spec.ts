// The `response_headers:` key of a zone file: response header rules (phase http_response_headers_transform), in order.
import { headerSpecFields, type HeaderSpec } from "../shared/ruleset-phase/headers.ts";
import { phasePlacement, phaseRuleSpec, type PhaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { responseHeaderPhase } from "./normalise.ts";
import { responseHeaderRuleSchema } from "./schema.ts";

export { responseHeaderRuleKindId } from "./normalise.ts";

export interface ResponseHeaderRuleSpec extends PhaseRuleSpec, HeaderSpec {}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the response header modification phase is not owned by this file */
    response_headers?: ResponseHeaderRuleSpec[];
  }
}

export const responseHeaderPlacement = phasePlacement(responseHeaderPhase, {
  description: "Response header rules (Transform Rules, phase http_response_headers_transform): headers set, added or removed in the response to the visitor, evaluated in this order.",
  schema: responseHeaderRuleSchema,
  build: (raw, source): ResponseHeaderRuleSpec => ({ ...phaseRuleSpec(raw, source), ...headerSpecFields(raw) }),
  assign: (zone, rules) => void (zone.response_headers = rules),
});
