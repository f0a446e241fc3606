// Every `<value> in $list` of an expression, with where `$list` is written, so a rule can say
// "$office_ips is not declared" at the reference's own column and check the list's kind fits.
import type { Argument, Expr, InListExpr, ValueExpr } from "./ast.ts";
import { isExpr } from "./ast.ts";

export interface ListReference {
  /** Without the $: "office_ips", "cf.malware". */
  name: string;
  /** 0-based offset of the `$` in the expression. */
  offset: number;
  /** What is looked up in the list: `ip.src`, `http.host`, ... */
  left: ValueExpr;
}

function fromNode(node: InListExpr): ListReference {
  return { name: node.list, offset: node.end - node.list.length - 1, left: node.left };
}

function walkValue(value: ValueExpr, out: ListReference[]): void {
  if (value.type === "index") walkValue(value.target, out);
  else if (value.type === "call") for (const arg of value.args) walkArgument(arg, out);
}

function walkArgument(arg: Argument, out: ListReference[]): void {
  if (isExpr(arg)) walk(arg, out);
  else if (arg.type === "field" || arg.type === "index" || arg.type === "call") walkValue(arg, out);
}

function walk(expr: Expr, out: ListReference[]): void {
  switch (expr.type) {
    case "logical":
      walk(expr.left, out);
      walk(expr.right, out);
      return;
    case "not":
      walk(expr.operand, out);
      return;
    case "in-list":
      walkValue(expr.left, out);
      out.push(fromNode(expr));
      return;
    case "compare":
    case "in":
      walkValue(expr.left, out);
      return;
    case "is-true":
      walkValue(expr.value, out);
      return;
    case "bool":
      return;
  }
}

/** The list references in the order they are written. */
export function listReferences(expr: Expr): ListReference[] {
  const out: ListReference[] = [];
  walk(expr, out);
  return out.sort((a, b) => a.offset - b.offset);
}
