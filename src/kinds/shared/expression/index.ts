// Cloudflare Rules language (wirefilter syntax): parse and check WAF custom rule expressions.
import type { ExpressionContext } from "./allowances.ts";
import type { Expr, StringLiteral, ValueExpr } from "./ast.ts";
import { ExpressionError } from "./errors.ts";
import { parse, parseStringValue } from "./parser.ts";

export type * from "./ast.ts";
export type { ScalarType, ValueType } from "./value-types.ts";
export type { FunctionParam, FunctionSignature } from "./functions.ts";
export type { ExpressionContext, ExpressionUse } from "./allowances.ts";
export { fields, fieldNames, fieldType, fieldAllowances } from "./fields.ts";
export { functions, functionNames, functionSignature, formatSignature } from "./functions.ts";
export { matchesEverything } from "./catch-all.ts";
export { formatExpression } from "./format.ts";
export { listReferences, type ListReference } from "./list-references.ts";
export { functionCalls } from "./function-calls.ts";
export { evaluate, sampleFromUrl, type SampleRequest, type SampleValue, type Truth } from "./evaluate.ts";
export { parseAddress } from "./ip.ts";

/** Cloudflare's limit on the length of a rule expression. */
export const MAX_EXPRESSION_LENGTH = 4096;

export interface ExpressionProblem {
  /** 1-based character position inside the expression text (newlines count as one character). */
  column: number;
  /** 0-based offset of the same position, for mapping back into a multi-line YAML scalar. */
  offset: number;
  message: string;
  hint?: string;
}

export type ParseResult = { ok: true; ast: Expr } | { ok: false; error: ExpressionProblem };

/**
 * Parses and type-checks an expression. Never throws. `context` names the phase (and the part of
 * the rule) it is used in, so fields and functions Cloudflare allows elsewhere only are refused.
 */
export function parseExpression(text: string, context: ExpressionContext = {}): ParseResult {
  return guarded(text, () => ({ ok: true, ast: parse(text, context) }));
}

export type ValueParseResult = { ok: true; ast: ValueExpr | StringLiteral } | { ok: false; error: ExpressionProblem };

/** Parses a String-valued expression (a redirect's `target_url.expression`). Never throws. */
export function parseValueExpression(text: string, context: ExpressionContext = { use: "target_url" }): ValueParseResult {
  return guarded(text, () => ({ ok: true, ast: parseStringValue(text, context) }));
}

function guarded<T extends { ok: true }>(text: string, run: () => T): T | { ok: false; error: ExpressionProblem } {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return problem(MAX_EXPRESSION_LENGTH, `the expression is ${text.length} characters long; Cloudflare allows at most ${MAX_EXPRESSION_LENGTH}`);
  }
  try {
    return run();
  } catch (error) {
    if (error instanceof ExpressionError) return problem(error.offset, error.message, error.hint);
    return problem(0, `internal error while parsing the expression: ${String(error)}`);
  }
}

function problem(offset: number, message: string, hint?: string): { ok: false; error: ExpressionProblem } {
  const error: ExpressionProblem = { column: offset + 1, offset, message };
  if (hint !== undefined) error.hint = hint;
  return { ok: false, error };
}
