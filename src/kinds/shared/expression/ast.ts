// The syntax tree of a Rules-language expression. Offsets are 0-based, `end` exclusive.
import type { IpFamily } from "./ip.ts";
import type { ValueType } from "./value-types.ts";

export interface Span {
  start: number;
  end: number;
}

export type LogicalOp = "and" | "xor" | "or";
export type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "contains" | "matches" | "wildcard" | "strict wildcard";

/** `Boolean`, or `Array<Boolean>` for a comparison mapped over `[*]` (only valid inside any()/all()). */
export type BoolType = "Boolean" | "Array<Boolean>";

export interface StringLiteral extends Span {
  type: "string";
  value: string;
  /** How it was written: quoted "..." or raw r"..." / r#"..."#. */
  syntax: "quoted" | "raw" | "bytes";
}

export interface IntLiteral extends Span {
  type: "int";
  value: number;
}

export interface IpLiteral extends Span {
  type: "ip";
  family: IpFamily;
  /** The address as written. */
  value: string;
}

export type Literal = StringLiteral | IntLiteral | IpLiteral;

export interface IntRange extends Span {
  type: "int-range";
  from: number;
  to: number;
}

export interface IpCidr extends Span {
  type: "cidr";
  family: IpFamily;
  /** As written, e.g. 192.0.2.0/24. */
  value: string;
  prefix: number;
}

export interface IpRange extends Span {
  type: "ip-range";
  family: IpFamily;
  from: string;
  to: string;
}

export type SetItem = StringLiteral | IntLiteral | IpLiteral | IntRange | IpCidr | IpRange;

interface Typed {
  valueType: ValueType;
  /** True when a `[*]` maps this value over an array's elements. */
  mapped: boolean;
}

export interface FieldRef extends Span, Typed {
  type: "field";
  name: string;
}

export interface IndexAccess extends Span, Typed {
  type: "index";
  target: ValueExpr;
  index: string | number | "*";
}

export interface FunctionCall extends Span, Typed {
  type: "call";
  name: string;
  args: Argument[];
}

export type ValueExpr = FieldRef | IndexAccess | FunctionCall;
export type Argument = ValueExpr | Literal | Expr;

export interface LogicalExpr extends Span {
  type: "logical";
  op: LogicalOp;
  left: Expr;
  right: Expr;
  valueType: BoolType;
}

export interface NotExpr extends Span {
  type: "not";
  operand: Expr;
  valueType: BoolType;
}

export interface CompareExpr extends Span {
  type: "compare";
  op: CompareOp;
  left: ValueExpr;
  right: Literal;
  valueType: BoolType;
}

export interface InSetExpr extends Span {
  type: "in";
  left: ValueExpr;
  items: SetItem[];
  valueType: BoolType;
}

export interface InListExpr extends Span {
  type: "in-list";
  left: ValueExpr;
  /** Without the $, e.g. "office_network" or "cf.malware". */
  list: string;
  valueType: BoolType;
}

/** A Boolean value used on its own: `ssl`, `cf.client.bot`, `starts_with(...)`, `any(...)`. */
export interface IsTrueExpr extends Span {
  type: "is-true";
  value: ValueExpr;
  valueType: BoolType;
}

export interface BoolLiteral extends Span {
  type: "bool";
  value: boolean;
  valueType: "Boolean";
}

export type Expr = LogicalExpr | NotExpr | CompareExpr | InSetExpr | InListExpr | IsTrueExpr | BoolLiteral;

export function isExpr(node: Argument): node is Expr {
  return "valueType" in node && !("mapped" in node);
}
