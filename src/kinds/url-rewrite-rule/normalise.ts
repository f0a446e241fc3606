// A URL rewrite rule (Transform Rules) in one comparable form, its action parameters flattened
// (path, query: each a value or an expression), and the http_request_transform phase.
import { isRecord } from "../kind.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import { valueOrExpression, valueOrExpressionYaml, type ValueOrExpression } from "../shared/ruleset-phase/value-or-expression.ts";
import type { UrlRewriteRuleSpec } from "./spec.ts";

export const urlRewriteRuleKindId = "url-rewrite-rule" as const;

export interface UrlRewriteValue extends PhaseRuleValue {
  path?: ValueOrExpression;
  query?: ValueOrExpression;
}

function uri(raw: unknown): Pick<UrlRewriteValue, "path" | "query"> {
  const fields = isRecord(raw) ? raw : {};
  const out: Pick<UrlRewriteValue, "path" | "query"> = {};
  const path = valueOrExpression(fields.path);
  if (path) out.path = path;
  const query = valueOrExpression(fields.query);
  if (query) out.query = query;
  return out;
}

export function urlRewriteFromSpec(spec: UrlRewriteRuleSpec): UrlRewriteValue {
  return { ...phaseRuleValue({ ...spec, action: "rewrite" }), ...uri(spec) };
}

export function urlRewriteFromApi(rule: Record<string, unknown>): UrlRewriteValue {
  const params = isRecord(rule.action_parameters) ? rule.action_parameters : {};
  return { ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...uri(params.uri) };
}

export const urlRewritePhase: RulesetPhase<UrlRewriteValue, UrlRewriteRuleSpec> = {
  kind: urlRewriteRuleKindId,
  key: "url_rewrites",
  phase: "http_request_transform",
  what: "URL rewrite rules",
  noun: "URL rewrite rule",
  code: "url-rewrite",
  rulesOf: (zone) => zone.url_rewrites,
  fromSpec: urlRewriteFromSpec,
  fromApi: urlRewriteFromApi,
  toApi(value) {
    const uri: Record<string, unknown> = {};
    if (value.path) uri.path = value.path;
    if (value.query) uri.query = value.query;
    return { ref: value.ref, description: value.description ?? "", expression: value.expression, action: "rewrite", action_parameters: { uri }, enabled: value.enabled };
  },
  toYaml: (value) => phaseRuleYaml(value, { path: valueOrExpressionYaml(value.path), query: valueOrExpressionYaml(value.query) }),
};
