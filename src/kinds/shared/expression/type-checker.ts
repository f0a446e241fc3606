// Type rules: what can be indexed, which operators fit which types, and function arguments.
import type { Argument, CompareOp, ValueExpr } from "./ast.ts";
import { isExpr } from "./ast.ts";
import { fail } from "./errors.ts";
import type { FunctionParam, FunctionSignature } from "./functions.ts";
import { formatSignature } from "./functions.ts";
import type { ValueType } from "./value-types.ts";
import { arrayOf, elementOf, isArray, isMap, matchesPattern } from "./value-types.ts";

export interface TypedValue {
  valueType: ValueType;
  mapped: boolean;
}

export type LiteralKind = "string" | "int" | "ip";

export function describeValue(node: ValueExpr): string {
  if (node.type === "field") return node.name;
  if (node.type === "call") return `${node.name}()`;
  return `${describeValue(node.target)}[${node.index === "*" ? "*" : JSON.stringify(node.index)}]`;
}

export function indexResult(target: ValueExpr, index: string | number | "*", offset: number): TypedValue {
  const element = elementOf(target.valueType);
  if (!element) return fail(offset, `${describeValue(target)} is a ${target.valueType} and cannot be indexed`);
  if (index === "*") {
    if (target.mapped) fail(offset, "[*] can be used only once on a value", "index the elements instead, e.g. [*][0]");
    return { valueType: element, mapped: true };
  }
  if (isMap(target.valueType) && typeof index !== "string") {
    fail(offset, `${describeValue(target)} is a ${target.valueType}: index it with a string key, as in ["name"]`);
  }
  if (isArray(target.valueType) && typeof index !== "number") {
    fail(offset, `${describeValue(target)} is an ${target.valueType}: index it with a number, as in [0], or [*] for every element`);
  }
  return { valueType: element, mapped: target.mapped };
}

const ORDERING: ReadonlySet<CompareOp> = new Set(["lt", "le", "gt", "ge"]);
const STRING_ONLY: ReadonlySet<CompareOp> = new Set(["contains", "matches", "wildcard", "strict wildcard"]);

/** Throws when `op` does not apply to the left-hand side; returns the literal kind its value must be. */
export function checkOperator(left: ValueExpr, op: CompareOp | "in", opOffset: number): LiteralKind {
  const type = left.valueType;
  if (type === "String") return "string";
  const what = describeValue(left);
  if (type === "Boolean") {
    fail(opOffset, `${what} is a Boolean and is used on its own, not with "${op}"`, `write ${what} or not ${what}`);
  }
  if (isArray(type) || isMap(type)) {
    fail(opOffset, `${what} is a ${type} and cannot be compared directly`, `index it (${what}[0]) or test every element with any(${what}[*] ...)`);
  }
  if (STRING_ONLY.has(op as CompareOp)) fail(opOffset, `"${op}" works on strings, but ${what} is ${article(type)} ${type}`);
  if (type === "IP address") {
    if (ORDERING.has(op as CompareOp)) fail(opOffset, `"${op}" does not work on IP addresses`, "use eq, ne or in {...} with CIDRs or ranges");
    return "ip";
  }
  return "int";
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? "an" : "a";
}

export interface ArgumentInfo {
  node: Argument;
  start: number;
}

function argumentType(node: Argument): TypedValue {
  if (node.type === "string") return { valueType: "String", mapped: false };
  if (node.type === "int") return { valueType: "Integer", mapped: false };
  if (node.type === "ip") return { valueType: "IP address", mapped: false };
  if (isExpr(node)) return { valueType: node.valueType, mapped: false };
  return { valueType: node.valueType, mapped: node.mapped };
}

function isLiteral(node: Argument): boolean {
  return node.type === "string" || node.type === "int" || node.type === "ip";
}

function checkArgument(f: FunctionSignature, param: FunctionParam, position: number, arg: ArgumentInfo): TypedValue {
  const typed = argumentType(arg.node);
  if (typed.mapped && position > 0) fail(arg.start, `[*] can be used only in the first argument of ${f.name}()`);
  if (!param.types.some((t) => matchesPattern(typed.valueType, t))) {
    fail(arg.start, `argument ${position + 1} (${param.name}) of ${f.name}() must be ${param.types.join(" or ")}, not ${typed.valueType}`, formatSignature(f));
  }
  if (param.literal && !isLiteral(arg.node)) fail(arg.start, `argument ${position + 1} (${param.name}) of ${f.name}() must be a literal value`);
  if (param.notLiteral && isLiteral(arg.node)) fail(arg.start, `argument ${position + 1} (${param.name}) of ${f.name}() must be a field or function, not a literal`);
  return typed;
}

/** Checks a call's arguments and returns its type; a `[*]` first argument makes the result an array. */
export function callResult(f: FunctionSignature, args: readonly ArgumentInfo[], closeOffset: number): TypedValue {
  const required = f.params.filter((p) => !p.optional).length;
  if (args.length < required) {
    fail(closeOffset, `${f.name}() needs ${required} argument${required === 1 ? "" : "s"}, got ${args.length}`, formatSignature(f));
  }
  const types: ValueType[] = [];
  let mapped = false;
  args.forEach((arg, i) => {
    const param = f.params[i] ?? f.rest;
    if (!param) return fail(arg.start, `${f.name}() takes at most ${f.params.length} argument${f.params.length === 1 ? "" : "s"}`, formatSignature(f));
    const typed = checkArgument(f, param, i, arg);
    if (i === 0) mapped = typed.mapped;
    types.push(typed.valueType);
  });
  const result = typeof f.returns === "function" ? f.returns(types) : f.returns;
  return mapped ? { valueType: arrayOf(result), mapped: false } : { valueType: result, mapped: false };
}
