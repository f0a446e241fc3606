// A request header rule (Transform Rules) in one comparable form, its `headers` map flattened by
// operation (set, remove), and the http_request_late_transform phase.
import { isRecord } from "../kind.ts";
import { headerFieldsFromApi, headerFieldsFromSpec, headerFieldsToApi, headerFieldsYaml, type HeaderFields } from "../shared/ruleset-phase/headers.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { RequestHeaderRuleSpec } from "./spec.ts";

export const requestHeaderRuleKindId = "request-header-rule" as const;

export interface RequestHeaderValue extends PhaseRuleValue, HeaderFields {}

export const requestHeaderPhase: RulesetPhase<RequestHeaderValue, RequestHeaderRuleSpec> = {
  kind: requestHeaderRuleKindId,
  key: "request_headers",
  phase: "http_request_late_transform",
  what: "request header rules",
  noun: "request header rule",
  code: "request-header",
  rulesOf: (zone) => zone.request_headers,
  fromSpec: (spec) => ({ ...phaseRuleValue({ ...spec, action: "rewrite" }), ...headerFieldsFromSpec(spec) }),
  fromApi: (rule) => ({ ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...headerFieldsFromApi(isRecord(rule.action_parameters) ? rule.action_parameters : {}) }),
  toApi: (value) => ({ ref: value.ref, description: value.description ?? "", expression: value.expression, action: "rewrite", action_parameters: { headers: headerFieldsToApi(value) }, enabled: value.enabled }),
  toYaml: (value) => phaseRuleYaml(value, headerFieldsYaml(value)),
};
