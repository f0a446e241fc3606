// A cache rule in one comparable form (its action parameters flattened: cache, edge_ttl,
// browser_ttl) and the http_request_cache_settings phase. Other action parameters (cache keys,
// serve stale, ...) are not managed and are left out.
import type { RulesetPhase } from "../shared/ruleset-phase/phase.ts";
import { phaseRuleFromApi, phaseRuleValue, phaseRuleYaml, type PhaseRuleValue } from "../shared/ruleset-phase/normalise.ts";
import type { CacheRuleSpec } from "./spec.ts";

export const cacheRuleKindId = "cache-rule" as const;

export interface Ttl {
  mode: string;
  default?: number;
}

export interface CacheRuleValue extends PhaseRuleValue {
  cache?: boolean;
  edge_ttl?: Ttl;
  browser_ttl?: Ttl;
}

function ttl(raw: unknown): Ttl | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { mode, default: seconds } = raw as Record<string, unknown>;
  if (typeof mode !== "string") return undefined;
  return typeof seconds === "number" ? { mode, default: seconds } : { mode };
}

/** The cache settings of a rule (YAML or API), each kept only when well-formed. */
export function cacheSettings(raw: { cache?: unknown; edge_ttl?: unknown; browser_ttl?: unknown }): Pick<CacheRuleValue, "cache" | "edge_ttl" | "browser_ttl"> {
  const out: Pick<CacheRuleValue, "cache" | "edge_ttl" | "browser_ttl"> = {};
  if (typeof raw.cache === "boolean") out.cache = raw.cache;
  const edge = ttl(raw.edge_ttl);
  if (edge) out.edge_ttl = edge;
  const browser = ttl(raw.browser_ttl);
  if (browser) out.browser_ttl = browser;
  return out;
}

export function cacheValueFromSpec(spec: CacheRuleSpec): CacheRuleValue {
  return { ...phaseRuleValue({ ...spec, action: "set_cache_settings" }), ...cacheSettings(spec) };
}

export function cacheValueFromApi(rule: Record<string, unknown>): CacheRuleValue {
  const params = typeof rule.action_parameters === "object" && rule.action_parameters !== null ? (rule.action_parameters as Record<string, unknown>) : {};
  return { ...phaseRuleFromApi({ ...rule, action_parameters: undefined }), ...cacheSettings(params) };
}

export const cachePhase: RulesetPhase<CacheRuleValue, CacheRuleSpec> = {
  kind: cacheRuleKindId,
  key: "cache_rules",
  phase: "http_request_cache_settings",
  what: "cache rules",
  noun: "cache rule",
  code: "cache-rule",
  rulesOf: (zone) => zone.cache_rules,
  fromSpec: cacheValueFromSpec,
  fromApi: cacheValueFromApi,
  toApi(value) {
    const params: Record<string, unknown> = {};
    if (value.cache !== undefined) params.cache = value.cache;
    if (value.edge_ttl) params.edge_ttl = value.edge_ttl;
    if (value.browser_ttl) params.browser_ttl = value.browser_ttl;
    return { ref: value.ref, description: value.description ?? "", expression: value.expression, action: "set_cache_settings", action_parameters: params, enabled: value.enabled };
  },
  toYaml: (value) => phaseRuleYaml(value, { cache: value.cache, edge_ttl: value.edge_ttl || undefined, browser_ttl: value.browser_ttl || undefined }),
};
