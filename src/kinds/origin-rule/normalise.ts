// An origin rule in one comparable form (its route parameters flattened: host_header, origin
// { host, port }, sni as a plain name) and the http_request_origin phase.
import { isRecord } from "../kind.ts";
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { OriginRuleSpec } from "./spec.ts";

export const originRuleKindId = "origin-rule" as const;

export interface OriginTarget {
  host?: string;
  port?: number;
}

export interface OriginRuleValue extends PhaseRuleValue {
  host_header?: string;
  origin?: OriginTarget;
  sni?: string;
}

/** The route parameters, from the YAML (sni a name) or the API (sni { value }). */
export function routeFields(raw: { host_header?: unknown; origin?: unknown; sni?: unknown }): Pick<OriginRuleValue, "host_header" | "origin" | "sni"> {
  const out: Pick<OriginRuleValue, "host_header" | "origin" | "sni"> = {};
  if (typeof raw.host_header === "string" && raw.host_header !== "") out.host_header = raw.host_header.toLowerCase();
  if (isRecord(raw.origin)) {
    const origin: OriginTarget = {};
    if (typeof raw.origin.host === "string" && raw.origin.host !== "") origin.host = raw.origin.host.toLowerCase();
    if (typeof raw.origin.port === "number") origin.port = raw.origin.port;
    if (Object.keys(origin).length > 0) out.origin = origin;
  }
  const sni = isRecord(raw.sni) ? raw.sni.value : raw.sni;
  if (typeof sni === "string" && sni !== "") out.sni = sni.toLowerCase();
  return out;
}

export function originRuleToApi(value: OriginRuleValue): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (value.host_header) params.host_header = value.host_header;
  if (value.origin) params.origin = value.origin;
  if (value.sni) params.sni = { value: value.sni };
  return params;
}

export const originPhase: RulesetPhase<OriginRuleValue, OriginRuleSpec> = {
  kind: originRuleKindId,
  key: "origin_rules",
  phase: "http_request_origin",
  what: "origin rules",
  noun: "origin rule",
  code: "origin-rule",
  rulesOf: (zone) => zone.origin_rules,
  fromSpec: (spec) => ({ ...phaseRuleValue({ ...spec, action: "route" }), ...routeFields(spec) }),
  fromApi: (rule) => ({ ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...routeFields(isRecord(rule.action_parameters) ? rule.action_parameters : {}) }),
  toApi: (value) => ({ ref: value.ref, description: value.description ?? "", expression: value.expression, action: "route", action_parameters: originRuleToApi(value), enabled: value.enabled }),
  toYaml: (value) => phaseRuleYaml(value, { host_header: value.host_header, origin: value.origin, sni: value.sni }),
};
