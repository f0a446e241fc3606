// The `request_headers:` key of a zone file: request header rules (phase http_request_late_transform), in order.
import { headerSpecFields, type HeaderSpec } from "../shared/ruleset-phase/headers.ts";
import { phasePlacement, phaseRuleSpec, type PhaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { requestHeaderPhase } from "./normalise.ts";
import { requestHeaderRuleSchema } from "./schema.ts";

export { requestHeaderRuleKindId } from "./normalise.ts";

export interface RequestHeaderRuleSpec extends PhaseRuleSpec, Omit<HeaderSpec, "add"> {}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the request header modification phase is not owned by this file */
    request_headers?: RequestHeaderRuleSpec[];
  }
}

export const requestHeaderPlacement = phasePlacement(requestHeaderPhase, {
  description: "Request header rules (Transform Rules, phase http_request_late_transform): headers set or removed before the request goes to the origin, evaluated in this order.",
  schema: requestHeaderRuleSchema,
  build: (raw, source): RequestHeaderRuleSpec => ({ ...phaseRuleSpec(raw, source), ...headerSpecFields(raw) }),
  assign: (zone, rules) => void (zone.request_headers = rules),
});
