// A compression rule in one comparable form (its algorithms by name, in order) and the
// http_response_compression phase.
import { isRecord } from "../kind.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { CompressionRuleSpec } from "./spec.ts";

export const compressionRuleKindId = "compression-rule" as const;

export interface CompressionRuleValue extends PhaseRuleValue {
  algorithms: string[];
}

/** The API's [{ name }] (or the YAML's names) as names. */
export function algorithmNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => (typeof entry === "string" ? [entry] : isRecord(entry) && typeof entry.name === "string" ? [entry.name] : []));
}

export const compressionPhase: RulesetPhase<CompressionRuleValue, CompressionRuleSpec> = {
  kind: compressionRuleKindId,
  key: "compression_rules",
  phase: "http_response_compression",
  what: "compression rules",
  noun: "compression rule",
  code: "compression-rule",
  rulesOf: (zone) => zone.compression_rules,
  fromSpec: (spec) => ({ ...phaseRuleValue({ ...spec, action: "compress_response" }), algorithms: [...spec.algorithms] }),
  fromApi: (rule) => ({ ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), algorithms: algorithmNames(isRecord(rule.action_parameters) ? rule.action_parameters.algorithms : undefined) }),
  toApi: (value) => ({
    ref: value.ref, description: value.description ?? "", expression: value.expression, action: "compress_response",
    action_parameters: { algorithms: value.algorithms.map((name) => ({ name })) }, enabled: value.enabled,
  }),
  toYaml: (value) => phaseRuleYaml(value, { algorithms: value.algorithms }),
};
