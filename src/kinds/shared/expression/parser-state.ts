// The parser's cursor: the source, the current token, nesting depth.
import type { ExpressionContext } from "./allowances.ts";
import type { Expr } from "./ast.ts";
import { fail } from "./errors.ts";
import type { Token } from "./lexer.ts";
import { nextToken } from "./lexer.ts";

export const MAX_DEPTH = 100;

export interface ParserState {
  src: string;
  tok: Token;
  depth: number;
  /** An operand parsed ahead (inside function arguments) that the next unary parse returns. */
  pending: Expr | undefined;
  /** Where the expression is used: decides which fields and functions are allowed. */
  context: ExpressionContext;
}

export function createState(src: string, context: ExpressionContext = {}): ParserState {
  return { src, tok: nextToken(src, 0), depth: 0, pending: undefined, context };
}

export function advance(p: ParserState): Token {
  const current = p.tok;
  p.tok = nextToken(p.src, current.end);
  return current;
}

/** Continue lexing after a literal that was read directly from the source. */
export function resumeAt(p: ParserState, offset: number): void {
  p.tok = nextToken(p.src, offset);
}

export function isPunct(tok: Token, text: string): boolean {
  return tok.kind === "punct" && tok.text === text;
}

export function isKeyword(tok: Token, word: string): boolean {
  return tok.kind === "ident" && tok.text === word;
}

export function describeToken(tok: Token): string {
  if (tok.kind === "eof") return "the end of the expression";
  if (tok.kind === "string" || tok.kind === "raw") return "a string";
  return `"${tok.text}"`;
}

export function expectPunct(p: ParserState, text: string, context: string): Token {
  if (!isPunct(p.tok, text)) fail(p.tok.start, `expected "${text}" ${context}, found ${describeToken(p.tok)}`);
  return advance(p);
}

export function enter(p: ParserState, offset: number): void {
  p.depth++;
  if (p.depth > MAX_DEPTH) fail(offset, `the expression is nested more than ${MAX_DEPTH} levels deep`);
}

export function leave(p: ParserState): void {
  p.depth--;
}
