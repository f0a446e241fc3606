// `<value> <operator> <literal>`, `<value> in {...}`, `<value> in $list`, and bare Booleans.
import type { BoolType, CompareOp, Expr, ValueExpr } from "./ast.ts";
import { fail } from "./errors.ts";
import type { Token } from "./lexer.ts";
import { nextToken } from "./lexer.ts";
import { readSet, readString, readValue } from "./parse-literal.ts";
import type { ParserState } from "./parser-state.ts";
import { advance, describeToken, isKeyword, resumeAt } from "./parser-state.ts";
import { checkRegex } from "./regex-check.ts";
import { checkOperator, describeValue } from "./type-checker.ts";

const SYMBOLS: Readonly<Record<string, CompareOp>> = { "==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "~": "matches" };
const WORDS: ReadonlySet<string> = new Set(["eq", "ne", "lt", "le", "gt", "ge", "contains", "matches", "wildcard", "in"]);
const LIST_NAME = /^(?:cf\.)?[a-z0-9_]+$/;

/** The comparison operator at the current token, consuming it (two tokens for `strict wildcard`). */
function takeOperator(p: ParserState): CompareOp | "in" | undefined {
  const tok = p.tok;
  if (tok.kind === "punct" && Object.hasOwn(SYMBOLS, tok.text)) {
    advance(p);
    return SYMBOLS[tok.text];
  }
  if (tok.kind !== "ident") return undefined;
  if (WORDS.has(tok.text)) {
    advance(p);
    return tok.text as CompareOp | "in";
  }
  if (tok.text === "strict") {
    const next = nextToken(p.src, tok.end);
    if (!isKeyword(next, "wildcard")) fail(next.start, `expected "wildcard" after "strict", found ${describeToken(next)}`);
    resumeAt(p, next.end);
    return "strict wildcard";
  }
  return undefined;
}

function missingOperator(left: ValueExpr, tok: Token): never {
  const what = describeValue(left);
  let hint = "comparison operators: eq ne lt le gt ge (== != < <= > >=), contains, matches (~), wildcard, strict wildcard, in";
  if (tok.kind === "ident" && WORDS.has(tok.text.toLowerCase())) hint = `operators are lowercase: ${tok.text.toLowerCase()}`;
  if (tok.kind === "ident" && (tok.text === "starts_with" || tok.text === "ends_with")) hint = `${tok.text} is a function: ${tok.text}(${what}, "...")`;
  return fail(tok.start, `expected a comparison operator after ${what} (a ${left.valueType}), found ${describeToken(tok)}`, hint);
}

function boolType(left: ValueExpr): BoolType {
  return left.mapped ? "Array<Boolean>" : "Boolean";
}

export function parseComparisonTail(p: ParserState, left: ValueExpr): Expr {
  const opTok = p.tok;
  const op = takeOperator(p);
  const valueType = boolType(left);
  if (!op) {
    if (left.valueType === "Boolean") return { type: "is-true", value: left, valueType, start: left.start, end: left.end };
    return missingOperator(left, opTok);
  }
  const kind = checkOperator(left, op, opTok.start);
  const context = `after ${op}`;
  if (op === "in") {
    const tok = p.tok;
    if (tok.kind === "list") {
      const list = tok.text.slice(1);
      if (!LIST_NAME.test(list)) fail(tok.start, `invalid list name ${tok.text}`, "list names use lowercase letters, digits and _ (managed lists: $cf.malware, ...)");
      advance(p);
      return { type: "in-list", left, list, valueType, start: left.start, end: tok.end };
    }
    if (!(tok.kind === "punct" && tok.text === "{")) fail(tok.start, `expected { or a $list after in, found ${describeToken(tok)}`, "write in {value1 value2} or in $list_name");
    const set = readSet(p, kind);
    return { type: "in", left, items: set.items, valueType, start: left.start, end: set.end };
  }
  if (op === "matches") {
    const right = readString(p, true, "after matches (a regular expression)");
    const problem = checkRegex(right.value);
    // Raw strings map pattern indexes to columns directly; quoted ones point at the string.
    if (problem) fail(right.syntax === "raw" ? p.src.indexOf('"', right.start) + 1 + problem.index : right.start, problem.message, problem.hint);
    return { type: "compare", op, left, right, valueType, start: left.start, end: right.end };
  }
  const right = readValue(p, kind, context);
  if (right.type === "string" && (op === "wildcard" || op === "strict wildcard")) checkWildcard(right.value, right.start);
  return { type: "compare", op, left, right, valueType, start: left.start, end: right.end };
}

function checkWildcard(pattern: string, offset: number): void {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\") fail(offset, `invalid escape \\${next ?? ""} in a wildcard pattern`, "only \\* and \\\\ are escapes in wildcard patterns");
      i++;
    } else if (pattern[i] === "*" && pattern[i + 1] === "*") {
      fail(offset, "a wildcard pattern cannot contain ** (two * in a row)");
    }
  }
}
