// Recursive descent over the logical operators, by Cloudflare's precedence: not > and > xor > or.
import type { ExpressionContext } from "./allowances.ts";
import type { Argument, BoolType, Expr, LogicalOp, StringLiteral, ValueExpr } from "./ast.ts";
import { fail } from "./errors.ts";
import type { Token } from "./lexer.ts";
import { readQuoted, readRaw } from "./literals.ts";
import { parseComparisonTail } from "./parse-comparison.ts";
import { parseValue } from "./parse-value.ts";
import type { ParserState } from "./parser-state.ts";
import { advance, createState, describeToken, enter, expectPunct, isKeyword, isPunct, leave, resumeAt } from "./parser-state.ts";

const LEVELS: readonly { op: LogicalOp; word: string; symbol: string }[] = [
  { op: "or", word: "or", symbol: "||" },
  { op: "xor", word: "xor", symbol: "^^" },
  { op: "and", word: "and", symbol: "&&" },
];

function isOperatorOf(tok: Token, level: number): boolean {
  const l = LEVELS[level];
  return l !== undefined && (isKeyword(tok, l.word) || isPunct(tok, l.symbol));
}

function parseLevel(p: ParserState, level: number): Expr {
  const spec = LEVELS[level];
  if (!spec) return parseUnary(p);
  let left = parseLevel(p, level + 1);
  while (isOperatorOf(p.tok, level)) {
    const opTok = advance(p);
    const right = parseLevel(p, level + 1);
    left = { type: "logical", op: spec.op, left, right, valueType: combine(left.valueType, right.valueType, opTok), start: left.start, end: right.end };
  }
  return left;
}

function combine(left: BoolType, right: BoolType, opTok: Token): BoolType {
  if (left !== right) fail(opTok.start, `"${opTok.text}" joins ${left} and ${right}`, "a comparison using [*] must be wrapped in any(...) or all(...)");
  return left;
}

function parseUnary(p: ParserState): Expr {
  if (p.pending) {
    const first = p.pending;
    p.pending = undefined;
    return first;
  }
  const tok = p.tok;
  if (isKeyword(tok, "not") || isPunct(tok, "!")) {
    advance(p);
    enter(p, tok.start);
    const operand = parseUnary(p);
    leave(p);
    return { type: "not", operand, valueType: operand.valueType, start: tok.start, end: operand.end };
  }
  return parsePrimary(p);
}

const RESERVED: ReadonlySet<string> = new Set(["and", "or", "xor", "in", "eq", "ne", "lt", "le", "gt", "ge", "contains", "matches", "wildcard", "strict"]);

function parsePrimary(p: ParserState): Expr {
  const tok = p.tok;
  if (isPunct(tok, "(")) {
    advance(p);
    enter(p, tok.start);
    const inner = parseLevel(p, 0);
    leave(p);
    if (p.tok.kind === "eof") fail(tok.start, 'missing ")" to close this parenthesis');
    expectPunct(p, ")", "to close the parenthesis");
    return inner;
  }
  if (isKeyword(tok, "true") || isKeyword(tok, "false")) {
    advance(p);
    return { type: "bool", value: tok.text === "true", valueType: "Boolean", start: tok.start, end: tok.end };
  }
  if (tok.kind !== "ident" || RESERVED.has(tok.text)) {
    const hint = tok.kind === "string" || tok.kind === "word" ? "the field goes on the left: <field> <operator> <value>" : undefined;
    return fail(tok.start, `expected a field, a function call, "not" or "(", found ${describeToken(tok)}`, hint);
  }
  const value = parseValue(p, parseArgument);
  return parseComparisonTail(p, value);
}

/** A function argument: a value (http.request.headers.names[*]) or a condition (x[*] == "a"). */
function parseArgument(p: ParserState): Argument {
  const tok = p.tok;
  if (tok.kind !== "ident" || isKeyword(tok, "not") || isKeyword(tok, "true") || isKeyword(tok, "false")) return parseLevel(p, 0);
  const value = parseValue(p, parseArgument);
  const isCondition = value.valueType === "Boolean" || (p.tok.kind !== "eof" && !isPunct(p.tok, ",") && !isPunct(p.tok, ")"));
  if (!isCondition) return value;
  p.pending = parseComparisonTail(p, value);
  return parseLevel(p, 0);
}

/** Parses a whole expression; throws ExpressionError on the first problem. */
export function parse(src: string, context: ExpressionContext = {}): Expr {
  const p = createState(src, context);
  if (p.tok.kind === "eof") fail(0, "the expression is empty", "to match every request write true");
  const expr = parseLevel(p, 0);
  const tok = p.tok;
  if (tok.kind !== "eof") {
    if (isPunct(tok, ")")) fail(tok.start, 'unexpected ")" without a matching "("');
    const lower = tok.text.toLowerCase();
    const hint = tok.kind === "ident" && ["and", "or", "xor", "not"].includes(lower) ? `operators are lowercase: ${lower}` : undefined;
    fail(tok.start, `expected "and", "or", "xor" or the end of the expression, found ${describeToken(tok)}`, hint);
  }
  if (expr.valueType !== "Boolean") fail(expr.start, "a comparison using [*] must be wrapped in any(...) or all(...)");
  return expr;
}

/** A value expression that gives a String (a redirect's target URL): a string, a field or a call. */
export function parseStringValue(src: string, context: ExpressionContext = {}): ValueExpr | StringLiteral {
  const p = createState(src, context);
  const tok = p.tok;
  if (tok.kind === "eof") fail(0, "the expression is empty", 'e.g. concat("https://example.com", http.request.uri.path)');
  let value: ValueExpr | StringLiteral;
  if (tok.kind === "string" || tok.kind === "raw") {
    const read = tok.kind === "string" ? readQuoted(src, tok.start, false) : readRaw(src, tok.start);
    resumeAt(p, read.end);
    value = { type: "string", value: read.value, syntax: tok.kind === "string" ? "quoted" : "raw", start: tok.start, end: read.end };
  } else if (tok.kind === "ident") {
    value = parseValue(p, parseArgument);
  } else {
    return fail(tok.start, `expected a string, a field or a function call, found ${describeToken(tok)}`);
  }
  if (p.tok.kind !== "eof") fail(p.tok.start, `expected the end of the expression, found ${describeToken(p.tok)}`, "a target URL is one value: join parts with concat(...)");
  if (value.type !== "string" && (value.valueType !== "String" || value.mapped)) {
    fail(value.start, `the expression gives ${value.mapped ? "one value per element" : `a ${value.valueType}`}, but a URL must be a String`, "build it with concat(...) or to_string(...)");
  }
  return value;
}
