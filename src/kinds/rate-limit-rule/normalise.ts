// A rate-limiting rule in one comparable form (the rule's ratelimit object flattened, so drift names
// the field: period, requests_per_period, ...), and the http_ratelimit phase. Keys Cloudflare adds
// on its own (mitigation_expression: "", requests_to_origin: false) are defaults, not differences.
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { RateLimitRuleSpec } from "./spec.ts";

export const rateLimitRuleKindId = "rate-limit-rule" as const;

export interface RateLimitValue extends PhaseRuleValue {
  characteristics: string[];
  period: number;
  requests_per_period: number;
  mitigation_timeout: number;
  /** Only when true (false is Cloudflare's default). */
  requests_to_origin?: true;
}

function limits(raw: { characteristics?: unknown; period?: unknown; requests_per_period?: unknown; mitigation_timeout?: unknown; requests_to_origin?: unknown }) {
  const out: Pick<RateLimitValue, "characteristics" | "period" | "requests_per_period" | "mitigation_timeout" | "requests_to_origin"> = {
    characteristics: [...new Set(Array.isArray(raw.characteristics) ? raw.characteristics.map(String) : [])].sort(),
    period: Number(raw.period ?? 0),
    requests_per_period: Number(raw.requests_per_period ?? 0),
    mitigation_timeout: Number(raw.mitigation_timeout ?? 0),
  };
  if (raw.requests_to_origin === true) out.requests_to_origin = true;
  return out;
}

export function rateLimitValueFromSpec(spec: RateLimitRuleSpec): RateLimitValue {
  return { ...phaseRuleValue(spec), ...limits(spec) };
}

export function rateLimitValueFromApi(rule: Record<string, unknown>): RateLimitValue {
  const ratelimit = typeof rule.ratelimit === "object" && rule.ratelimit !== null ? (rule.ratelimit as Record<string, unknown>) : {};
  return { ...phaseRuleFromApi(rule), ...limits(ratelimit) };
}

export const rateLimitPhase: RulesetPhase<RateLimitValue, RateLimitRuleSpec> = {
  kind: rateLimitRuleKindId,
  key: "rate_limits",
  phase: "http_ratelimit",
  what: "rate-limiting rules",
  noun: "rate-limiting rule",
  code: "rate-limit",
  rulesOf: (zone) => zone.rate_limits,
  fromSpec: rateLimitValueFromSpec,
  fromApi: rateLimitValueFromApi,
  toApi(value) {
    const body: Record<string, unknown> = { ref: value.ref, description: value.description ?? "", expression: value.expression, action: value.action, enabled: value.enabled };
    if (value.action_parameters) body.action_parameters = value.action_parameters;
    body.ratelimit = {
      characteristics: value.characteristics,
      period: value.period,
      requests_per_period: value.requests_per_period,
      mitigation_timeout: value.mitigation_timeout,
      requests_to_origin: value.requests_to_origin === true,
    };
    return body;
  },
  toYaml: (value) =>
    phaseRuleYaml(value, {
      characteristics: value.characteristics, period: value.period, requests_per_period: value.requests_per_period, mitigation_timeout: value.mitigation_timeout,
      requests_to_origin: value.requests_to_origin ? true : undefined, action: value.action,
    }),
};
