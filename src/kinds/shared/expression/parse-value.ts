// Value expressions: fields, function calls and [index] accesses.
import { allowed, describeAllowances, describeContext } from "./allowances.ts";
import type { Argument, FieldRef, FunctionCall, IndexAccess, ValueExpr } from "./ast.ts";
import { fail } from "./errors.ts";
import { fieldAllowances, fieldListed, fieldNames, fieldsOfContext, fieldType } from "./fields.ts";
import { functionNames, functionSignature } from "./functions.ts";
import { skipSpace } from "./lexer.ts";
import { parseInteger, readQuoted, readRaw } from "./literals.ts";
import type { ParserState } from "./parser-state.ts";
import { advance, describeToken, enter, expectPunct, isPunct, leave, resumeAt } from "./parser-state.ts";
import { closest } from "./suggestions.ts";
import type { ArgumentInfo } from "./type-checker.ts";
import { callResult, indexResult } from "./type-checker.ts";

export type ArgumentParser = (p: ParserState) => Argument;

export function parseValue(p: ParserState, parseArgument: ArgumentParser): ValueExpr {
  const tok = p.tok;
  if (tok.kind !== "ident") fail(tok.start, `expected a field or a function call, found ${describeToken(tok)}`);
  const isCall = p.src.charCodeAt(skipSpace(p.src, tok.end)) === 40; // (
  let value: ValueExpr = isCall ? parseCall(p, parseArgument) : parseField(p);
  while (isPunct(p.tok, "[")) value = parseIndex(p, value);
  return value;
}

function parseField(p: ParserState): FieldRef {
  const tok = advance(p);
  const valueType = fieldType(tok.text);
  if (!valueType) {
    const suggestion = closest(tok.text, fieldNames);
    return fail(tok.start, `unknown field ${tok.text}`, suggestion ? `did you mean ${suggestion}?` : undefined);
  }
  const only = fieldAllowances[tok.text];
  if (only && !allowed(only, p.context)) fail(tok.start, `field ${tok.text} cannot be used in ${describeContext(p.context)}`, `Cloudflare allows it in ${describeAllowances(only)}`);
  const listed = fieldsOfContext(p.context.phase, p.context.use);
  if (listed && !fieldListed(tok.text, listed)) fail(tok.start, `field ${tok.text} cannot be used in ${describeContext(p.context)}`, `Cloudflare allows only ${listed.join(", ")} there`);
  return { type: "field", name: tok.text, valueType, mapped: false, start: tok.start, end: tok.end };
}

function parseCall(p: ParserState, parseArgument: ArgumentParser): FunctionCall {
  const name = advance(p);
  const signature = functionSignature(name.text);
  if (!signature) {
    const suggestion = closest(name.text, functionNames);
    fail(name.start, `unknown function ${name.text}()`, suggestion ? `did you mean ${suggestion}()?` : undefined);
  }
  if (!allowed(signature.only, p.context)) fail(name.start, `${name.text}() cannot be used in ${describeContext(p.context)}`, `Cloudflare allows it in ${describeAllowances(signature.only ?? [])}`);
  enter(p, name.start);
  advance(p); // (
  const args: ArgumentInfo[] = [];
  if (!isPunct(p.tok, ")")) {
    for (;;) {
      const start = p.tok.start;
      args.push({ node: parseArgumentOrLiteral(p, parseArgument), start });
      if (!isPunct(p.tok, ",")) break;
      advance(p);
    }
  }
  const close = p.tok;
  expectPunct(p, ")", `to close ${name.text}(`);
  leave(p);
  const typed = callResult(signature, args, close.start);
  return { type: "call", name: name.text, args: args.map((a) => a.node), ...typed, start: name.start, end: close.end };
}

function parseArgumentOrLiteral(p: ParserState, parseArgument: ArgumentParser): Argument {
  const tok = p.tok;
  if (tok.kind === "string") {
    const read = readQuoted(p.src, tok.start, false);
    resumeAt(p, read.end);
    return { type: "string", value: read.value, syntax: "quoted", start: tok.start, end: read.end };
  }
  if (tok.kind === "raw") {
    const read = readRaw(p.src, tok.start);
    resumeAt(p, read.end);
    return { type: "string", value: read.value, syntax: "raw", start: tok.start, end: read.end };
  }
  if (tok.kind === "word") {
    advance(p);
    return { type: "int", value: parseInteger(tok.text, tok.start), start: tok.start, end: tok.end };
  }
  return parseArgument(p);
}

function parseIndex(p: ParserState, target: ValueExpr): IndexAccess {
  const open = advance(p);
  const tok = p.tok;
  let index: string | number | "*";
  if (tok.kind === "string" || tok.kind === "raw") {
    const read = tok.kind === "string" ? readQuoted(p.src, tok.start, false) : readRaw(p.src, tok.start);
    index = read.value;
    resumeAt(p, read.end);
  } else if (tok.kind === "word") {
    index = parseInteger(tok.text, tok.start);
    if (index < 0) fail(tok.start, "an array index cannot be negative");
    advance(p);
  } else if (isPunct(tok, "*")) {
    index = "*";
    advance(p);
  } else {
    return fail(tok.start, `expected a key, an index or * inside [ ], found ${describeToken(tok)}`);
  }
  const close = p.tok;
  expectPunct(p, "]", "to close the index");
  const typed = indexResult(target, index, open.start);
  return { type: "index", target, index, ...typed, start: target.start, end: close.end };
}
