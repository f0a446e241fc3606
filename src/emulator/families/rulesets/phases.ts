// Zone phases and what each accepts: the actions Cloudflare allows there and the shape of the
// phase-specific rule parameters (rate limits, cache settings, single redirects).
// Sources: developers.cloudflare.com/waf/rate-limiting-rules/parameters, /cache/how-to/cache-rules/settings,
// /rules/url-forwarding/single-redirects/settings, and the SDK's ruleset rule types; the Rules
// family's phases are in rules-phases.ts.
import { checkCompress, checkFromList, checkRequestHeaders, checkResponseHeaders, checkRoute, checkSetConfig, checkUriRewrite } from "./rules-phases.ts";

export const zonePhases = new Set([
  "http_request_firewall_custom", "http_request_firewall_managed", "http_response_firewall_managed", "http_ratelimit",
  "http_request_dynamic_redirect", "http_request_redirect", "http_request_transform", "http_request_late_transform",
  "http_response_headers_transform", "http_request_cache_settings", "http_config_settings", "http_request_origin",
  "http_response_compression", "http_custom_errors", "http_request_sanitize", "http_log_custom_fields", "ddos_l7",
]);

const anyAction = ["block", "challenge", "js_challenge", "managed_challenge", "log", "skip", "execute", "rewrite", "redirect", "route", "score", "serve_error", "set_cache_settings", "set_config", "compress_response", "log_custom_field", "ddos_dynamic", "force_connection_close"];

export const phaseActions: Record<string, string[]> = {
  http_request_firewall_custom: ["block", "challenge", "js_challenge", "managed_challenge", "log", "skip"],
  http_ratelimit: ["block", "challenge", "js_challenge", "managed_challenge", "log"],
  http_request_cache_settings: ["set_cache_settings"],
  http_request_dynamic_redirect: ["redirect"],
  http_request_transform: ["rewrite"],
  http_request_late_transform: ["rewrite"],
  http_response_headers_transform: ["rewrite"],
  http_request_origin: ["route"],
  http_config_settings: ["set_config"],
  http_response_compression: ["compress_response"],
  http_request_redirect: ["redirect"],
};

export function allowedActions(phase: string): string[] {
  return phaseActions[phase] ?? anyAction;
}

/**
 * The `source` a zone entrypoint carries in recorded responses (cf-terraforming testdata v5:
 * firewall_custom, rate_limit and firewall_managed); the other phases have no `source` key.
 */
export const phaseSources: Record<string, string> = {
  http_request_firewall_custom: "firewall_custom",
  http_ratelimit: "rate_limit",
  http_request_firewall_managed: "firewall_managed",
};

export const ratelimitPeriods = [10, 60, 120, 300, 600, 3600];
export const mitigationTimeouts = [0, 10, 60, 120, 300, 600, 3600, 86400];
const redirectCodes = [301, 302, 303, 307, 308];
const maxTtl = 31_536_000;

export interface RuleProblem {
  /** JSON pointer below the rule, e.g. "/ratelimit/period". */
  pointer: string;
  message: string;
}

type Checker = (rule: Record<string, unknown>) => RuleProblem[];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const isCount = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value) && value >= 0;

function checkRatelimit(rule: Record<string, unknown>): RuleProblem[] {
  const limit = rule.ratelimit;
  if (!isObject(limit)) return [{ pointer: "/ratelimit", message: "a rate limiting rule needs a ratelimit object" }];
  const problems: RuleProblem[] = [];
  const characteristics = limit.characteristics;
  if (!Array.isArray(characteristics) || characteristics.some((c) => typeof c !== "string")) {
    problems.push({ pointer: "/ratelimit/characteristics", message: "characteristics must be a list of field names" });
  } else if (!characteristics.includes("cf.colo.id")) {
    problems.push({ pointer: "/ratelimit/characteristics", message: "characteristics must include cf.colo.id" });
  }
  if (!ratelimitPeriods.includes(limit.period as number)) {
    problems.push({ pointer: "/ratelimit/period", message: `period must be one of ${ratelimitPeriods.join(", ")} seconds; got ${JSON.stringify(limit.period)}` });
  }
  const perPeriod = limit.requests_per_period;
  if (limit.score_per_period === undefined && !(isCount(perPeriod) && (perPeriod as number) > 0)) {
    problems.push({ pointer: "/ratelimit/requests_per_period", message: `requests_per_period must be a positive integer; got ${JSON.stringify(perPeriod)}` });
  }
  if (limit.mitigation_timeout !== undefined && !mitigationTimeouts.includes(limit.mitigation_timeout as number)) {
    problems.push({ pointer: "/ratelimit/mitigation_timeout", message: `mitigation_timeout must be one of ${mitigationTimeouts.join(", ")} seconds; got ${JSON.stringify(limit.mitigation_timeout)}` });
  }
  return problems;
}

function checkTtl(value: unknown, name: string, modes: string[]): RuleProblem[] {
  const pointer = `/action_parameters/${name}`;
  if (!isObject(value)) return [{ pointer, message: `${name} must be an object with a mode` }];
  if (typeof value.mode !== "string" || !modes.includes(value.mode)) return [{ pointer: `${pointer}/mode`, message: `${name}.mode must be one of ${modes.join(", ")}` }];
  const needsDefault = value.mode === "override_origin";
  if (needsDefault && !(isCount(value.default) && (value.default as number) <= maxTtl)) {
    return [{ pointer: `${pointer}/default`, message: `${name}.default must be a number of seconds from 0 to ${maxTtl} when mode is override_origin` }];
  }
  if (!needsDefault && value.default !== undefined) return [{ pointer: `${pointer}/default`, message: `${name}.default is only allowed when mode is override_origin` }];
  return [];
}

function checkCache(rule: Record<string, unknown>): RuleProblem[] {
  const params = rule.action_parameters;
  if (!isObject(params)) return [{ pointer: "/action_parameters", message: "set_cache_settings needs action_parameters" }];
  const problems: RuleProblem[] = [];
  if (params.cache !== undefined && typeof params.cache !== "boolean") problems.push({ pointer: "/action_parameters/cache", message: "cache must be true or false" });
  if (params.edge_ttl !== undefined) problems.push(...checkTtl(params.edge_ttl, "edge_ttl", ["respect_origin", "bypass_by_default", "override_origin"]));
  if (params.browser_ttl !== undefined) problems.push(...checkTtl(params.browser_ttl, "browser_ttl", ["respect_origin", "bypass_by_default", "bypass", "override_origin"]));
  return problems;
}

function checkRedirect(rule: Record<string, unknown>): RuleProblem[] {
  const from = isObject(rule.action_parameters) ? rule.action_parameters.from_value : undefined;
  const pointer = "/action_parameters/from_value";
  if (!isObject(from)) return [{ pointer, message: "a redirect needs action_parameters.from_value" }];
  const problems: RuleProblem[] = [];
  const target = from.target_url;
  const given = isObject(target) ? ["value", "expression"].filter((key) => typeof target[key] === "string" && target[key] !== "") : [];
  if (given.length !== 1) problems.push({ pointer: `${pointer}/target_url`, message: "target_url must have exactly one of value or expression" });
  if (from.status_code !== undefined && !redirectCodes.includes(from.status_code as number)) {
    problems.push({ pointer: `${pointer}/status_code`, message: `status_code must be one of ${redirectCodes.join(", ")}; got ${JSON.stringify(from.status_code)}` });
  }
  if (from.preserve_query_string !== undefined && typeof from.preserve_query_string !== "boolean") {
    problems.push({ pointer: `${pointer}/preserve_query_string`, message: "preserve_query_string must be true or false" });
  }
  return problems;
}

const phaseCheckers: Record<string, Checker> = {
  http_ratelimit: checkRatelimit,
  http_request_cache_settings: checkCache,
  http_request_dynamic_redirect: checkRedirect,
  http_request_transform: checkUriRewrite,
  http_request_late_transform: checkRequestHeaders,
  http_response_headers_transform: checkResponseHeaders,
  http_request_origin: checkRoute,
  http_config_settings: checkSetConfig,
  http_response_compression: checkCompress,
  http_request_redirect: checkFromList,
};

/** Problems with the phase-specific parts of one rule (its action is checked by the caller). */
export function phaseProblems(phase: string, rule: Record<string, unknown>): RuleProblem[] {
  return phaseCheckers[phase]?.(rule) ?? [];
}
