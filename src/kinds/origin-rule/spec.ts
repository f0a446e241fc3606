// The `origin_rules:` key of a zone file: origin rules (phase http_request_origin), in order.
import { isRecord } from "../kind.ts";
import { phasePlacement, phaseRuleSpec, type PhaseRuleSpec } from "../shared/ruleset-phase/placement.ts";
import { originPhase, type OriginTarget } from "./normalise.ts";
import { originRuleSchema } from "./schema.ts";

export { originRuleKindId } from "./normalise.ts";

export interface OriginRuleSpec extends PhaseRuleSpec {
  host_header?: string;
  origin?: OriginTarget;
  sni?: string;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the origin rules phase is not owned by this file */
    origin_rules?: OriginRuleSpec[];
  }
}

export const originPlacement = phasePlacement(originPhase, {
  description: "Origin rules (phase http_request_origin): where matching requests go (host, port), with which Host header and SNI, evaluated in this order.",
  schema: originRuleSchema,
  build(raw, source) {
    const rule: OriginRuleSpec = phaseRuleSpec(raw, source);
    if (typeof raw.host_header === "string") rule.host_header = raw.host_header;
    if (isRecord(raw.origin)) {
      rule.origin = {};
      if (typeof raw.origin.host === "string") rule.origin.host = raw.origin.host;
      if (typeof raw.origin.port === "number") rule.origin.port = raw.origin.port;
    }
    if (typeof raw.sni === "string") rule.sni = raw.sni;
    return rule;
  },
  assign: (zone, rules) => void (zone.origin_rules = rules),
});
