// Every function call of a value expression (a rewrite or a target URL), in the order written, so
// a check can count them: Cloudflare allows concat(), regex_replace() and wildcard_replace() only
// once in a URL rewrite.
import type { Argument, FunctionCall, StringLiteral, ValueExpr } from "./ast.ts";
import { isExpr } from "./ast.ts";

function walk(node: Argument, out: FunctionCall[]): void {
  if (isExpr(node)) return; // a comparison inside any()/all(): no rewriting function can sit there
  if (node.type === "index") walk(node.target, out);
  else if (node.type === "call") {
    out.push(node);
    for (const arg of node.args) walk(arg, out);
  }
}

export function functionCalls(value: ValueExpr | StringLiteral): FunctionCall[] {
  const out: FunctionCall[] = [];
  if (value.type !== "string") walk(value, out);
  return out.sort((a, b) => a.start - b.start);
}
