// A response header rule (Transform Rules) in one comparable form, its `headers` map flattened by
// operation (set, remove), and the http_response_headers_transform phase.
import { isRecord } from "../kind.ts";
import { headerFieldsFromApi, headerFieldsFromSpec, headerFieldsToApi, headerFieldsYaml, type HeaderFields } from "../shared/ruleset-phase/headers.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { ResponseHeaderRuleSpec } from "./spec.ts";

export const responseHeaderRuleKindId = "response-header-rule" as const;

export interface ResponseHeaderValue extends PhaseRuleValue, HeaderFields {}

export const responseHeaderPhase: RulesetPhase<ResponseHeaderValue, ResponseHeaderRuleSpec> = {
  kind: responseHeaderRuleKindId,
  key: "response_headers",
  phase: "http_response_headers_transform",
  what: "response header rules",
  noun: "response header rule",
  code: "response-header",
  rulesOf: (zone) => zone.response_headers,
  fromSpec: (spec) => ({ ...phaseRuleValue({ ...spec, action: "rewrite" }), ...headerFieldsFromSpec(spec) }),
  fromApi: (rule) => ({ ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...headerFieldsFromApi(isRecord(rule.action_parameters) ? rule.action_parameters : {}) }),
  toApi: (value) => ({ ref: value.ref, description: value.description ?? "", expression: value.expression, action: "rewrite", action_parameters: { headers: headerFieldsToApi(value) }, enabled: value.enabled }),
  toYaml: (value) => phaseRuleYaml(value, headerFieldsYaml(value)),
};
