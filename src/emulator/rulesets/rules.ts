// Validation and versioning of ruleset rules, shared by the entrypoint and by-id endpoints.
import { isDeepStrictEqual } from "node:util";
import { ApiFailure, fail } from "../envelope.ts";
import { hexId, nowIso } from "../ids.ts";
import type { Ruleset, RulesetRule } from "../types.ts";

export const zonePhases = new Set([
  "http_request_firewall_custom", "http_request_firewall_managed", "http_response_firewall_managed", "http_ratelimit",
  "http_request_dynamic_redirect", "http_request_redirect", "http_request_transform", "http_request_late_transform",
  "http_response_headers_transform", "http_request_cache_settings", "http_config_settings", "http_request_origin",
  "http_response_compression", "http_custom_errors", "http_request_sanitize", "http_log_custom_fields", "ddos_l7",
]);
const actions = ["block", "challenge", "js_challenge", "managed_challenge", "log", "skip", "execute", "rewrite", "redirect", "route", "score", "serve_error", "set_cache_settings", "set_config", "compress_response", "log_custom_field", "ddos_dynamic", "force_connection_close"];
const phaseActions: Record<string, string[]> = {
  http_request_firewall_custom: ["block", "challenge", "js_challenge", "managed_challenge", "log", "skip"],
  http_ratelimit: ["block", "challenge", "js_challenge", "managed_challenge", "log"],
};
/** Fields a client sets on a rule (the rest are assigned by Cloudflare). */
const ruleInputFields = ["action", "expression", "description", "enabled", "ref", "action_parameters", "logging", "ratelimit", "exposed_credential_check"];

function expressionProblem(expression: string): string | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "(") depth++;
    else if (char === ")" && --depth < 0) return "unmatched ')'";
  }
  if (quoted) return "unterminated string";
  return depth > 0 ? "unclosed '('" : undefined;
}

function ruleProblems(phase: string, rules: unknown[]): string[] {
  const problems: string[] = [];
  const refs = new Set<string>();
  rules.forEach((raw, index) => {
    const at = `rules[${index}]`;
    if (raw === null || typeof raw !== "object") return void problems.push(`${at}: must be an object`);
    const rule = raw as Record<string, unknown>;
    const allowed = phaseActions[phase] ?? actions;
    if (typeof rule.action !== "string" || !allowed.includes(rule.action)) problems.push(`${at}.action: "${String(rule.action)}" is not allowed in phase ${phase}; use one of ${allowed.join(", ")}`);
    if (typeof rule.expression !== "string" || rule.expression.trim() === "") problems.push(`${at}.expression: required`);
    else {
      const issue = expressionProblem(rule.expression);
      if (issue) problems.push(`${at}.expression: filter parsing error: ${issue}`);
    }
    if (rule.enabled !== undefined && typeof rule.enabled !== "boolean") problems.push(`${at}.enabled: must be true or false`);
    if (typeof rule.ref === "string") {
      if (refs.has(rule.ref)) problems.push(`${at}.ref: "${rule.ref}" is used by more than one rule`);
      refs.add(rule.ref);
    }
  });
  return problems;
}

function buildRule(input: Record<string, unknown>, previous: RulesetRule | undefined, now: string): RulesetRule {
  const fields: Record<string, unknown> = { description: "", enabled: true };
  for (const field of ruleInputFields) if (input[field] !== undefined) fields[field] = input[field];
  const id = previous?.id ?? (typeof input.id === "string" && /^[0-9a-f]{32}$/.test(input.id) ? input.id : hexId());
  fields.ref = typeof input.ref === "string" ? input.ref : (previous?.ref ?? id);
  const unchanged = previous && ruleInputFields.every((field) => isDeepStrictEqual(previous[field], fields[field]));
  if (unchanged) return previous;
  return {
    id,
    version: previous ? String(Number(previous.version) + 1) : "1",
    last_updated: now,
    ...(fields as Pick<RulesetRule, "action" | "expression" | "enabled" | "ref">),
  };
}

/**
 * The ruleset that replaces `current` (or is created) for a phase: every rule replaced, unchanged
 * rules keep id and version, the ruleset version goes up by one. Throws a 400 listing every problem.
 */
export function replaceRules(phase: string, current: Ruleset | undefined, body: Record<string, unknown>): Ruleset {
  const rules = body.rules ?? [];
  if (!Array.isArray(rules)) throw fail(400, 20002, '"rules" must be a list');
  const problems = ruleProblems(phase, rules);
  if (problems.length > 0) throw new ApiFailure(400, problems.map((message) => ({ code: 20021, message })));
  const byId = new Map(current?.rules.map((rule) => [rule.id, rule]));
  const byRef = new Map(current?.rules.map((rule) => [rule.ref, rule]));
  const now = nowIso();
  return {
    id: current?.id ?? hexId(),
    name: typeof body.name === "string" ? body.name : (current?.name ?? "default"),
    description: typeof body.description === "string" ? body.description : (current?.description ?? ""),
    kind: "zone",
    phase,
    version: current ? String(Number(current.version) + 1) : "1",
    last_updated: now,
    rules: (rules as Record<string, unknown>[]).map((input) => {
      const previous = (typeof input.id === "string" ? byId.get(input.id) : undefined) ?? (typeof input.ref === "string" ? byRef.get(input.ref) : undefined);
      return buildRule(input, previous, now);
    }),
  };
}
