// Conservative detection of expressions that match every request (for the no-catch-all-block
// policy). "true" means: certainly matches everything; "false" means: not shown to.
import type { CompareExpr, CompareOp, Expr, InSetExpr, LogicalOp, ValueExpr } from "./ast.ts";
import { formatExpression, formatValue } from "./format.ts";
import type { IpFamily, IpInterval } from "./ip.ts";
import { IPV4_MAX, IPV6_MAX, parseCidr, parseIpRange, parseSingleAddress } from "./ip.ts";
import { regexMatchesEverything } from "./regex-nullable.ts";

const keys = new WeakMap<Expr, string>();

/** Canonical text as a structural key, cached: long or-chains compare every pair. */
function keyOf(e: Expr): string {
  let key = keys.get(e);
  if (key === undefined) {
    key = formatExpression(e);
    keys.set(e, key);
  }
  return key;
}

export function matchesEverything(ast: Expr): boolean {
  return always(ast);
}

function flatten(e: Expr, op: LogicalOp): Expr[] {
  return e.type === "logical" && e.op === op ? [...flatten(e.left, op), ...flatten(e.right, op)] : [e];
}

function always(e: Expr): boolean {
  switch (e.type) {
    case "bool":
      return e.value;
    case "not":
      return never(e.operand);
    case "compare":
      return compareAlways(e);
    case "in":
      return setAlways(e);
    case "logical":
      if (e.op === "and") return always(e.left) && always(e.right);
      if (e.op === "xor") return (always(e.left) && never(e.right)) || (never(e.left) && always(e.right)) || complementary(e.left, e.right);
      return flatten(e, "or").some(always) || hasComplementaryPair(flatten(e, "or"));
    default:
      return false;
  }
}

function never(e: Expr): boolean {
  switch (e.type) {
    case "bool":
      return !e.value;
    case "not":
      return always(e.operand);
    case "logical":
      if (e.op === "or") return never(e.left) && never(e.right);
      if (e.op === "xor") return (always(e.left) && always(e.right)) || (never(e.left) && never(e.right)) || keyOf(e.left) === keyOf(e.right);
      return flatten(e, "and").some(never) || hasComplementaryPair(flatten(e, "and"));
    default:
      return false;
  }
}

function compareAlways(e: CompareExpr): boolean {
  if (e.right.type !== "string") return false;
  const value = e.right.value;
  if (e.op === "contains") return value === "";
  if (e.op === "wildcard" || e.op === "strict wildcard") return /^\*+$/.test(value);
  if (e.op === "matches") return regexMatchesEverything(value);
  return false;
}

function itemInterval(item: InSetExpr["items"][number]): IpInterval | undefined {
  if (item.type === "cidr") return parseCidr(item.value, item.start);
  if (item.type === "ip-range") return parseIpRange(`${item.from}..${item.to}`, item.start);
  if (item.type === "ip") return parseSingleAddress(item.value, item.start);
  return undefined;
}

function covers(intervals: IpInterval[], family: IpFamily): boolean {
  const max = family === 4 ? IPV4_MAX : IPV6_MAX;
  const sorted = intervals.filter((i) => i.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const interval of sorted) {
    if (interval.first > next) return false;
    if (interval.last + 1n > next) next = interval.last + 1n;
  }
  return next > max;
}

/** An IP set matches everything when it covers all of IPv4 and all of IPv6. */
function setAlways(e: InSetExpr): boolean {
  if (e.left.valueType !== "IP address") return false;
  const intervals = e.items.map(itemInterval).filter((i): i is IpInterval => i !== undefined);
  return covers(intervals, 4) && covers(intervals, 6);
}

const COMPLEMENT: Partial<Record<CompareOp, CompareOp>> = { eq: "ne", ne: "eq", lt: "ge", ge: "lt", gt: "le", le: "gt" };

/** No index access: a missing map key or array element makes every comparison false. */
function alwaysPresent(v: ValueExpr): boolean {
  if (v.type === "field") return true;
  if (v.type === "index") return false;
  return v.args.every((a) => !("mapped" in a) || alwaysPresent(a));
}

function complementary(a: Expr, b: Expr): boolean {
  if (a.type === "not" && keyOf(a.operand) === keyOf(b)) return true;
  if (b.type === "not" && keyOf(b.operand) === keyOf(a)) return true;
  if (a.type !== "compare" || b.type !== "compare" || COMPLEMENT[a.op] !== b.op || !alwaysPresent(a.left)) return false;
  return formatValue(a.left) === formatValue(b.left) && a.right.type === b.right.type && a.right.value === b.right.value;
}

function hasComplementaryPair(operands: Expr[]): boolean {
  for (let i = 0; i < operands.length; i++) {
    for (let j = i + 1; j < operands.length; j++) {
      const a = operands[i];
      const b = operands[j];
      if (a && b && complementary(a, b)) return true;
    }
  }
  return false;
}
