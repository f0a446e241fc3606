// Validation and versioning of ruleset rules, shared by the entrypoint and by-id endpoints.
import { isDeepStrictEqual } from "node:util";
import { ApiFailure, fail, type ApiMessage } from "../../envelope.ts";
import { hexId, nowIso } from "../../ids.ts";
import type { Ruleset, RulesetRule } from "./types.ts";
import { allowedActions, phaseProblems, phaseSources } from "./phases.ts";

export { zonePhases } from "./phases.ts";

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

function problem(index: number, pointer: string, text: string): ApiMessage {
  const field = pointer.slice(1).replaceAll("/", ".");
  return { code: 20021, message: `rules[${index}]${field ? `.${field}` : ""}: ${text}`, source: { pointer: `/rules/${index}${pointer}` } };
}

/** The account's lists: name -> kind. */
export type AccountLists = ReadonlyMap<string, string>;

/** `$name` references outside strings; Cloudflare's managed lists ($cf.*) always exist. */
function unknownList(expression: string, lists: AccountLists): string | undefined {
  const unquoted = expression.replace(/"(\\.|[^"\\])*"/g, '""');
  for (const match of unquoted.matchAll(/\$([a-z0-9_.]+)/g)) if (!match[1]!.startsWith("cf.") && !lists.has(match[1]!)) return match[1];
  return undefined;
}

/** A bulk redirect rule's from_list must name a redirect list of the account. */
function fromListProblem(rule: Record<string, unknown>, lists: AccountLists): string | undefined {
  const name = (rule.action_parameters as { from_list?: { name?: unknown } } | undefined)?.from_list?.name;
  if (typeof name !== "string") return undefined;
  const kind = lists.get(name);
  if (kind === undefined) return `list ${name} does not exist`;
  return kind === "redirect" ? undefined : `list ${name} is a ${kind} list, not a redirect list`;
}

function ruleProblems(phase: string, rules: unknown[], lists?: AccountLists): ApiMessage[] {
  const problems: ApiMessage[] = [];
  const refs = new Set<string>();
  const allowed = allowedActions(phase);
  rules.forEach((raw, index) => {
    if (raw === null || typeof raw !== "object") return void problems.push(problem(index, "", "must be an object"));
    const rule = raw as Record<string, unknown>;
    const wrongAction = typeof rule.action !== "string" || !allowed.includes(rule.action);
    if (wrongAction) problems.push(problem(index, "/action", `"${String(rule.action)}" is not allowed in phase ${phase}; use one of ${allowed.join(", ")}`));
    if (typeof rule.expression !== "string" || rule.expression.trim() === "") problems.push(problem(index, "/expression", "required"));
    else {
      const issue = expressionProblem(rule.expression);
      if (issue) problems.push(problem(index, "/expression", `filter parsing error: ${issue}`));
      // A rule can only use a list that exists (the emulator's wording; lists are resolved when the rule is compiled).
      const missing = lists && !issue ? unknownList(rule.expression, lists) : undefined;
      if (missing) problems.push(problem(index, "/expression", `filter parsing error: unknown list $${missing}`));
    }
    if (rule.enabled !== undefined && typeof rule.enabled !== "boolean") problems.push(problem(index, "/enabled", "must be true or false"));
    if (typeof rule.ref === "string") {
      if (refs.has(rule.ref)) problems.push(problem(index, "/ref", `"${rule.ref}" is used by more than one rule`));
      refs.add(rule.ref);
    }
    // another phase's action: its parameters are not judged by this phase's rules
    const found = wrongAction ? [] : phaseProblems(phase, rule);
    for (const each of found) problems.push(problem(index, each.pointer, each.message));
    const missing = phase === "http_request_redirect" && lists && found.length === 0 ? fromListProblem(rule, lists) : undefined;
    if (missing) problems.push(problem(index, "/action_parameters/from_list/name", missing));
  });
  return problems;
}

/** Key order as in recorded rules; an empty description is left out, as Cloudflare leaves it out. */
function buildRule(input: Record<string, unknown>, previous: RulesetRule | undefined, now: string): RulesetRule {
  const fields: Record<string, unknown> = { enabled: true };
  for (const field of ruleInputFields) if (input[field] !== undefined) fields[field] = input[field];
  if (fields.description === "") delete fields.description;
  const id = previous?.id ?? (typeof input.id === "string" && /^[0-9a-f]{32}$/.test(input.id) ? input.id : hexId());
  fields.ref = typeof input.ref === "string" ? input.ref : (previous?.ref ?? id);
  const unchanged = previous && ruleInputFields.every((field) => isDeepStrictEqual(previous[field], fields[field]));
  if (unchanged) return previous;
  const { action, expression, description, ref, enabled, ...rest } = fields;
  const rule: Record<string, unknown> = { id, version: previous ? String(Number(previous.version) + 1) : "1", action, expression };
  if (description !== undefined) rule.description = description;
  Object.assign(rule, { last_updated: now, ref, enabled }, rest);
  return rule as RulesetRule;
}

/**
 * The ruleset that replaces `current` (or is created) for a phase: every rule replaced, unchanged
 * rules keep id and version, the ruleset version goes up by one. Throws a 400 listing every problem.
 */
export function replaceRules(phase: string, current: Ruleset | undefined, body: Record<string, unknown>, lists?: AccountLists, kind: Ruleset["kind"] = "zone"): Ruleset {
  const rules = body.rules ?? [];
  if (!Array.isArray(rules)) throw fail(400, 20002, '"rules" must be a list');
  const problems = ruleProblems(phase, rules, lists);
  if (problems.length > 0) throw new ApiFailure(400, problems);
  const byId = new Map(current?.rules.map((rule) => [rule.id, rule]));
  const byRef = new Map(current?.rules.map((rule) => [rule.ref, rule]));
  const now = nowIso();
  const ruleset: Ruleset = {
    id: current?.id ?? hexId(),
    name: typeof body.name === "string" ? body.name : (current?.name ?? "default"),
    description: typeof body.description === "string" ? body.description : (current?.description ?? ""),
    kind,
    version: current ? String(Number(current.version) + 1) : "1",
    rules: (rules as Record<string, unknown>[]).map((input) => {
      const previous = (typeof input.id === "string" ? byId.get(input.id) : undefined) ?? (typeof input.ref === "string" ? byRef.get(input.ref) : undefined);
      return buildRule(input, previous, now);
    }),
    last_updated: now,
    phase,
  };
  return ruleset;
}

/** The API shape: recorded responses put `source` after `description` for the phases that have one. */
export function rulesetView(ruleset: Ruleset, withRules = true): Record<string, unknown> {
  const view: Record<string, unknown> = { id: ruleset.id, name: ruleset.name, description: ruleset.description };
  const source = phaseSources[ruleset.phase];
  if (source) view.source = source;
  view.kind = ruleset.kind;
  view.version = ruleset.version;
  if (withRules) view.rules = ruleset.rules;
  view.last_updated = ruleset.last_updated;
  view.phase = ruleset.phase;
  return view;
}
