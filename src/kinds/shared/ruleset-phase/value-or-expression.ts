// A parameter that is a fixed value or an expression that computes it, as the Rules family writes
// them (a URL rewrite's path and query, a header's value): `{ value: "/x" }` or `{ expression: "..." }`,
// never both. One schema, one comparable form and one check, with the expression parsed as a value
// expression of its phase (the fields and functions Cloudflare allows in rewrites).
import type { JsonSchema, Locate, Report, ZoneRuleInput } from "../../kind.ts";
import { isRecord } from "../../kind.ts";
import { functionCalls, type ExpressionContext } from "../expression/index.ts";
import { normaliseExpression } from "./normalise.ts";
import { checkExpressionField } from "./rules.ts";

export type ValueOrExpression = { value: string } | { expression: string };

/** As the YAML holds it, before the check (both may be given, wrongly). */
export interface ValueOrExpressionSpec {
  value?: string;
  expression?: string;
}

export function valueOrExpressionSchema(description: string, value: JsonSchema = {}): JsonSchema {
  return {
    description: `${description}: a fixed value, or an expression (Rules language) that computes it; not both.`,
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: {
      value: { type: "string", minLength: 1, ...value },
      expression: { description: "A value expression, e.g. concat(\"/api\", http.request.uri.path).", type: "string", minLength: 1, maxLength: 4096 },
    },
  };
}

/** The YAML's mapping as given (the check reports both at once). */
export function valueOrExpressionSpec(raw: unknown): ValueOrExpressionSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const out: ValueOrExpressionSpec = {};
  if (typeof raw.value === "string") out.value = raw.value;
  if (typeof raw.expression === "string") out.expression = raw.expression;
  return out;
}

/** One comparable form from the YAML or the API: an expression (whitespace normalised) wins. */
export function valueOrExpression(raw: unknown): ValueOrExpression | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.expression === "string" && raw.expression !== "") return { expression: normaliseExpression(raw.expression) };
  return typeof raw.value === "string" ? { value: raw.value } : undefined;
}

export interface ValueOrExpressionCheck {
  /** The spec object that holds it and the path to it (["path"], ["set", "X-Env"]). */
  target: object;
  field: string[];
  given: ValueOrExpressionSpec;
  context: ExpressionContext;
  /** Functions Cloudflare allows at most once in the expression (URL rewrites: concat, ...). */
  once?: readonly string[];
}

/** Reports both given, an expression that does not parse, and a function used more than `once`. */
export function checkValueOrExpression(code: string, check: ValueOrExpressionCheck, input: Pick<ZoneRuleInput, "state"> & { locate: Locate }, report: Report): void {
  const { target, field, given } = check;
  if (given.value !== undefined && given.expression !== undefined) {
    report({ code: `${code}-value-and-expression`, message: `${field.join(".")} takes a value or an expression, not both`, hint: "value for a fixed text, expression to compute it from the request" }, input.locate(target, [...field, "expression"]));
    return;
  }
  if (given.expression === undefined) return;
  const ast = checkExpressionField(code, { target, field: [...field, "expression"], text: given.expression, context: check.context, shape: "value" }, input, report);
  if (!ast || !check.once) return;
  const seen = new Set<string>();
  for (const call of functionCalls(ast)) {
    if (!check.once.includes(call.name)) continue;
    if (seen.has(call.name)) {
      report({ code: `${code}-function-repeated`, message: `${field.join(".")}.expression: ${call.name}() may appear only once here (column ${call.start + 1} of the expression)`, hint: "Cloudflare allows concat(), regex_replace() and wildcard_replace() once each in a URL rewrite" }, input.locate(target, [...field, "expression"], call.start));
      return;
    }
    seen.add(call.name);
  }
}

/** As `import` writes it. */
export function valueOrExpressionYaml(value: ValueOrExpression | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  return "expression" in value ? { expression: value.expression } : { value: value.value };
}
