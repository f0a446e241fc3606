// Header modification rules (Transform Rules): request headers in http_request_late_transform,
// response headers in http_response_headers_transform. In the YAML a rule lists `set` (and, for
// responses, `add`) as maps of header name -> { value } or { expression }, and `remove` as names;
// the API holds one map, `headers`, of name -> { operation, value | expression }. Compared flattened
// (set, add, remove), so drift names the operation that changed.
import type { SourceLocation } from "../../../desired-state/types.ts";
import type { JsonSchema, Locate, Report, ZoneRuleInput } from "../../kind.ts";
import { isRecord } from "../../kind.ts";
import { sortKeys } from "./normalise.ts";
import { checkValueOrExpression, valueOrExpression, valueOrExpressionSchema, valueOrExpressionSpec, valueOrExpressionYaml, type ValueOrExpression, type ValueOrExpressionSpec } from "./value-or-expression.ts";

export type HeaderOperation = "set" | "add" | "remove";

export interface HeaderSpec {
  set?: Record<string, ValueOrExpressionSpec>;
  add?: Record<string, ValueOrExpressionSpec>;
  remove?: string[];
  source: SourceLocation;
}

export interface HeaderFields {
  set?: Record<string, ValueOrExpression>;
  add?: Record<string, ValueOrExpression>;
  /** Sorted: removal has no order. */
  remove?: string[];
}

/** The characters Cloudflare accepts in a header name and in a static value (…/reference/header-format/). */
export const headerNamePattern = /^[A-Za-z0-9_-]+$/;
export const headerValuePattern = "^[A-Za-z0-9 _:;.,\\\\/\"'?!(){}\\[\\]@<>=+*#$&`|~^%-]*$";
/** Cloudflare's limit on a header's value (4 KB). */
export const maxHeaderValue = 4096;

function headerMap(raw: unknown): Record<string, ValueOrExpressionSpec> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, ValueOrExpressionSpec> = {};
  for (const [name, value] of Object.entries(raw)) out[name] = valueOrExpressionSpec(value) ?? {};
  return out;
}

/** The header fields of a rule's YAML mapping, as written. */
export function headerSpecFields(raw: Record<string, unknown>): Omit<HeaderSpec, "source"> {
  const out: Omit<HeaderSpec, "source"> = {};
  const set = headerMap(raw.set);
  if (set) out.set = set;
  const add = headerMap(raw.add);
  if (add) out.add = add;
  if (Array.isArray(raw.remove)) out.remove = raw.remove.map(String);
  return out;
}

function comparableMap(raw: Record<string, unknown> | undefined): Record<string, ValueOrExpression> | undefined {
  if (!raw) return undefined;
  const out: Record<string, ValueOrExpression> = {};
  for (const [name, value] of Object.entries(raw)) {
    const parsed = valueOrExpression(value);
    if (parsed) out[name] = parsed;
  }
  return Object.keys(out).length > 0 ? (sortKeys(out) as Record<string, ValueOrExpression>) : undefined;
}

function withLists(set: Record<string, unknown> | undefined, add: Record<string, unknown> | undefined, remove: string[]): HeaderFields {
  const out: HeaderFields = {};
  const s = comparableMap(set);
  if (s) out.set = s;
  const a = comparableMap(add);
  if (a) out.add = a;
  if (remove.length > 0) out.remove = [...remove].sort();
  return out;
}

/** From the YAML. */
export function headerFieldsFromSpec(spec: Omit<HeaderSpec, "source">): HeaderFields {
  return withLists(spec.set, spec.add, spec.remove ?? []);
}

/** From the API's action_parameters.headers. */
export function headerFieldsFromApi(params: Record<string, unknown>): HeaderFields {
  const headers = isRecord(params.headers) ? params.headers : {};
  const set: Record<string, unknown> = {};
  const add: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [name, entry] of Object.entries(headers)) {
    if (!isRecord(entry)) continue;
    if (entry.operation === "remove") remove.push(name);
    else if (entry.operation === "add") add[name] = entry;
    else set[name] = entry;
  }
  return withLists(set, add, remove);
}

/** The API's `headers` map (set, add, then remove). */
export interface ApiHeader {
  operation: HeaderOperation;
  value?: string;
  expression?: string;
}

export function headerFieldsToApi(fields: HeaderFields): Record<string, ApiHeader> {
  const out: Record<string, ApiHeader> = {};
  for (const operation of ["set", "add"] as const) {
    for (const [name, value] of Object.entries(fields[operation] ?? {})) out[name] = { operation, ...value };
  }
  for (const name of fields.remove ?? []) out[name] = { operation: "remove" };
  return out;
}

/** As `import` writes them. */
export function headerFieldsYaml(fields: HeaderFields): Record<string, unknown> {
  const map = (entries: Record<string, ValueOrExpression> | undefined) => (entries ? Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, valueOrExpressionYaml(value)])) : undefined);
  return { set: map(fields.set), add: map(fields.add), remove: fields.remove };
}

/** The schema of `set` / `add` / `remove`; `operations` says which a phase takes. */
export function headerSchemaProperties(operations: readonly HeaderOperation[], direction: "request" | "response"): Record<string, JsonSchema> {
  const value = valueOrExpressionSchema(`The ${direction} header's value`, { maxLength: maxHeaderValue, pattern: headerValuePattern });
  const map = (what: string): JsonSchema => ({
    description: `${what} header name -> { value } or { expression }.`,
    type: "object",
    minProperties: 1,
    additionalProperties: value,
  });
  const properties: Record<string, JsonSchema> = {};
  if (operations.includes("set")) properties.set = map(`Headers to set (replacing any ${direction} header of that name):`);
  if (operations.includes("add")) properties.add = map("Headers to add (keeping any of that name):");
  if (operations.includes("remove")) properties.remove = { description: `${direction === "request" ? "Request" : "Response"} headers to remove (every header of each name).`, type: "array", minItems: 1, items: { type: "string", minLength: 1 } };
  return properties;
}

/** Why Cloudflare refuses an operation on a header name, or undefined when it allows it. */
export type HeaderLimit = (name: string, operation: HeaderOperation) => { message: string; hint?: string } | undefined;

export interface HeaderRuleCheck {
  code: string;
  phase: string;
  limit: HeaderLimit;
}

/** Header names (characters, once per rule, allowed by Cloudflare), values and their expressions. */
export function checkHeaders(check: HeaderRuleCheck, rule: HeaderSpec, input: Pick<ZoneRuleInput, "state"> & { locate: Locate }, report: Report): void {
  const { code } = check;
  const seen = new Map<string, string>();
  const entries: [HeaderOperation, string, (string | number)[], ValueOrExpressionSpec | undefined][] = [
    ...(["set", "add"] as const).flatMap((operation) => Object.entries(rule[operation] ?? {}).map(([name, value]) => [operation, name, [operation, name], value] as [HeaderOperation, string, (string | number)[], ValueOrExpressionSpec])),
    ...(rule.remove ?? []).map((name, index) => ["remove", name, ["remove", index], undefined] as [HeaderOperation, string, (string | number)[], undefined]),
  ];
  if (entries.length === 0) {
    report({ code: `${code}-empty`, message: "the rule changes no header: give set, add or remove", hint: "set: { X-Example: { value: example } }" }, input.locate(rule, "ref"));
    return;
  }
  for (const [operation, name, path, value] of entries) {
    const at = input.locate(rule, path as string[], undefined, operation !== "remove");
    if (!headerNamePattern.test(name)) {
      report({ code: `${code}-header-name`, message: `"${name}" is not a header name Cloudflare accepts`, hint: "letters, digits, - and _ only" }, at);
      continue;
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      report({ code: `${code}-header-twice`, message: `header ${name} is changed twice in one rule (${first} and ${operation})`, hint: "one operation per header name and rule; use a second rule" }, at);
      continue;
    }
    seen.set(name.toLowerCase(), operation);
    const refused = check.limit(name.toLowerCase(), operation);
    if (refused) {
      report({ code: `${code}-header-not-allowed`, message: refused.message, ...(refused.hint ? { hint: refused.hint } : {}) }, at);
      continue;
    }
    if (value) checkValueOrExpression(code, { target: rule, field: path as string[], given: value, context: { phase: check.phase, use: "rewrite" } }, input, report);
  }
}
