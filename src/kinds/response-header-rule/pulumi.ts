// The Pulumi engine's response header adapter: one zone Ruleset per zone for
// http_response_headers_transform (the shared ruleset-phase helper), each rule's headers map.
import { headerFieldsToApi } from "../shared/ruleset-phase/headers.ts";
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { responseHeaderPhase } from "./normalise.ts";

export const pulumi = rulesetPhasePulumi(responseHeaderPhase, { rule: (rule) => pulumiRule(rule, { headers: headerFieldsToApi(rule) }) });
