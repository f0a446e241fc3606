// Canonical text of an expression: word operators, single spaces, parentheses only where
// precedence needs them. Used as a structural key and for readable messages.
import type { Argument, Expr, Literal, SetItem, ValueExpr } from "./ast.ts";
import { isExpr } from "./ast.ts";

const PRECEDENCE = { or: 1, xor: 2, and: 3 } as const;

function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Regexes are printed raw, so their backslashes survive a round trip. */
function raw(value: string): string {
  let hashes = "";
  while (value.includes(`"${hashes}`)) hashes += "#";
  return `r${hashes}"${value}"${hashes}`;
}

function formatLiteral(node: Literal | SetItem): string {
  switch (node.type) {
    case "string":
      return quote(node.value);
    case "int":
      return String(node.value);
    case "int-range":
      return `${node.from}..${node.to}`;
    case "ip-range":
      return `${node.from}..${node.to}`;
    default:
      return node.value;
  }
}

export function formatValue(node: ValueExpr): string {
  if (node.type === "field") return node.name;
  if (node.type === "index") {
    const index = node.index === "*" ? "*" : typeof node.index === "string" ? quote(node.index) : String(node.index);
    return `${formatValue(node.target)}[${index}]`;
  }
  return `${node.name}(${node.args.map(formatArgument).join(", ")})`;
}

function formatArgument(node: Argument): string {
  if (isExpr(node)) return formatExpression(node);
  if (node.type === "field" || node.type === "index" || node.type === "call") return formatValue(node);
  return formatLiteral(node);
}

function level(node: Expr): number {
  return node.type === "logical" ? PRECEDENCE[node.op] : 4;
}

export function formatExpression(node: Expr): string {
  switch (node.type) {
    case "bool":
      return String(node.value);
    case "is-true":
      return formatValue(node.value);
    case "not": {
      const inner = formatExpression(node.operand);
      return node.operand.type === "logical" ? `not (${inner})` : `not ${inner}`;
    }
    case "compare":
      return `${formatValue(node.left)} ${node.op} ${node.op === "matches" && node.right.type === "string" ? raw(node.right.value) : formatLiteral(node.right)}`;
    case "in":
      return `${formatValue(node.left)} in {${node.items.map(formatLiteral).join(" ")}}`;
    case "in-list":
      return `${formatValue(node.left)} in $${node.list}`;
    case "logical": {
      const own = PRECEDENCE[node.op];
      const left = formatExpression(node.left);
      const right = formatExpression(node.right);
      const l = level(node.left) < own ? `(${left})` : left;
      const r = level(node.right) <= own && node.right.type === "logical" ? `(${right})` : right;
      return `${l} ${node.op} ${r}`;
    }
  }
}
