// Cloudflare Rules language (wirefilter syntax): parse and check WAF custom rule expressions.
import type { Expr } from "./ast.ts";
import { ExpressionError } from "./errors.ts";
import { parse } from "./parser.ts";

export type * from "./ast.ts";
export type { ScalarType, ValueType } from "./value-types.ts";
export type { FunctionParam, FunctionSignature } from "./functions.ts";
export { fields, fieldNames, fieldType } from "./fields.ts";
export { functions, functionNames, functionSignature, formatSignature } from "./functions.ts";
export { matchesEverything } from "./catch-all.ts";
export { formatExpression } from "./format.ts";

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

/** Parses and type-checks an expression. Never throws. */
export function parseExpression(text: string): ParseResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return problem(MAX_EXPRESSION_LENGTH, `the expression is ${text.length} characters long; Cloudflare allows at most ${MAX_EXPRESSION_LENGTH}`);
  }
  try {
    return { ok: true, ast: parse(text) };
  } catch (error) {
    if (error instanceof ExpressionError) return problem(error.offset, error.message, error.hint);
    return problem(0, `internal error while parsing the expression: ${String(error)}`);
  }
}

function problem(offset: number, message: string, hint?: string): ParseResult {
  const error: ExpressionProblem = { column: offset + 1, offset, message };
  if (hint !== undefined) error.hint = hint;
  return { ok: false, error };
}
