// The Pulumi engine's compression-rule adapter: one zone Ruleset per zone for
// http_response_compression (the shared ruleset-phase helper), algorithms as [{ name }] in order.
import { pulumiRule, rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { compressionPhase } from "./normalise.ts";

export const pulumi = rulesetPhasePulumi(compressionPhase, { rule: (rule) => pulumiRule(rule, { algorithms: rule.algorithms.map((name) => ({ name })) }) });
