// The Pulumi engine's request header adapter: one zone Ruleset per zone for
// http_request_late_transform (the shared ruleset-phase helper), each rule's headers map.
import { headerFieldsToApi } from "../shared/ruleset-phase/headers.ts";
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { requestHeaderPhase } from "./normalise.ts";

export const pulumi = rulesetPhasePulumi(requestHeaderPhase, { rule: (rule) => pulumiRule(rule, { headers: headerFieldsToApi(rule) }) });
