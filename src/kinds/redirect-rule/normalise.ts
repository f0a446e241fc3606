// A single redirect in one comparable form (from_value flattened: target_url, status_code,
// preserve_query_string, with Cloudflare's defaults 301 and false made explicit) and the
// http_request_dynamic_redirect phase.
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { normaliseExpression, phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { RedirectRuleSpec } from "./spec.ts";

export const redirectRuleKindId = "redirect-rule" as const;

export type TargetUrl = { value: string } | { expression: string };

export interface RedirectValue extends PhaseRuleValue {
  target_url: TargetUrl;
  status_code: number;
  /** Only when true (false is the default). */
  preserve_query_string?: true;
}

function target(raw: unknown): TargetUrl {
  const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  if (typeof fields.expression === "string" && fields.expression !== "") return { expression: normaliseExpression(fields.expression) };
  return { value: String(fields.value ?? "") };
}

function redirect(raw: { target_url?: unknown; status_code?: unknown; preserve_query_string?: unknown }): Pick<RedirectValue, "target_url" | "status_code" | "preserve_query_string"> {
  const out: Pick<RedirectValue, "target_url" | "status_code" | "preserve_query_string"> = {
    target_url: target(raw.target_url),
    status_code: typeof raw.status_code === "number" ? raw.status_code : 301,
  };
  if (raw.preserve_query_string === true) out.preserve_query_string = true;
  return out;
}

export function redirectValueFromSpec(spec: RedirectRuleSpec): RedirectValue {
  return { ...phaseRuleValue({ ...spec, action: "redirect" }), ...redirect(spec) };
}

export function redirectValueFromApi(rule: Record<string, unknown>): RedirectValue {
  const params = typeof rule.action_parameters === "object" && rule.action_parameters !== null ? (rule.action_parameters as Record<string, unknown>) : {};
  const from = typeof params.from_value === "object" && params.from_value !== null ? (params.from_value as Record<string, unknown>) : {};
  return { ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...redirect(from) };
}

export const redirectPhase: RulesetPhase<RedirectValue, RedirectRuleSpec> = {
  kind: redirectRuleKindId,
  key: "redirects",
  phase: "http_request_dynamic_redirect",
  what: "redirect rules",
  noun: "redirect rule",
  code: "redirect",
  rulesOf: (zone) => zone.redirects,
  fromSpec: redirectValueFromSpec,
  fromApi: redirectValueFromApi,
  toApi(value) {
    const from_value = { target_url: value.target_url, status_code: value.status_code, preserve_query_string: value.preserve_query_string === true };
    return { ref: value.ref, description: value.description ?? "", expression: value.expression, action: "redirect", action_parameters: { from_value }, enabled: value.enabled };
  },
  toYaml: (value) => phaseRuleYaml(value, { target_url: value.target_url, status_code: value.status_code, preserve_query_string: value.preserve_query_string ? true : undefined }),
};
