// Evaluates an expression against a sample request of which only some fields are known, in
// three-valued (Kleene) logic: true, false, or "unknown" when the answer depends on a field the
// sample does not give. Policies use it to ask "does this redirect match its own target?" or
// "could this cache rule match /admin?" without guessing what they cannot know.
import type { Argument, CompareExpr, Expr, InSetExpr, ValueExpr } from "./ast.ts";
import { isExpr } from "./ast.ts";

export type Truth = boolean | "unknown";

type Scalar = string | number | boolean;
/** A field's value in the sample: a scalar, an array, or a map of arrays (headers, cookies). */
export type SampleValue = Scalar | Scalar[] | Record<string, Scalar[]>;

/** What is known of a request, by field name; a field not given is unknown. */
export type SampleRequest = Readonly<Record<string, SampleValue>>;

const unknown = "unknown" as const;
/** A value: known, several (a [*] mapping), absent (a missing map key), or unknown. */
type Value = { one: SampleValue } | { many: Scalar[] } | { absent: true } | typeof unknown;

function not(t: Truth): Truth {
  return t === unknown ? unknown : !t;
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : unknown;
}

function or(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : unknown;
}

function isRecord(value: SampleValue): value is Record<string, Scalar[]> {
  return typeof value === "object" && !Array.isArray(value);
}

function index(target: Value, key: string | number | "*"): Value {
  if (target === unknown || "absent" in target || "many" in target) return target === unknown || "many" in target ? unknown : target;
  const value = target.one;
  if (key === "*") return Array.isArray(value) ? { many: value } : isRecord(value) ? { many: Object.values(value).flat() } : unknown;
  if (isRecord(value) && typeof key === "string") {
    // header names are case-insensitive (kept in lower case); cookie names are not
    const found = Object.hasOwn(value, key) ? key : Object.hasOwn(value, key.toLowerCase()) ? key.toLowerCase() : undefined;
    return found === undefined ? { absent: true } : { one: value[found]! };
  }
  if (Array.isArray(value) && typeof key === "number") return key < value.length ? { one: value[key]! } : { absent: true };
  return unknown;
}

const stringFunctions: Record<string, (s: string) => Scalar> = { lower: (s) => s.toLowerCase(), upper: (s) => s.toUpperCase(), len: (s) => s.length };

function call(name: string, args: Argument[], request: SampleRequest): Value {
  if (name === "any" || name === "all") {
    const inner = args[0];
    if (!inner || !isExpr(inner)) return unknown;
    const results = evaluateMapped(inner, request);
    if (results === unknown) return unknown;
    const truth = results.reduce<Truth>((acc, t) => (name === "any" ? or(acc, t) : and(acc, t)), name === "all");
    return truth === unknown ? unknown : { one: truth };
  }
  const values = args.map((arg) => (isExpr(arg) ? unknown : argumentValue(arg, request)));
  const strings = values.map((v) => (v !== unknown && "one" in v && typeof v.one === "string" ? v.one : undefined));
  if (strings.some((s) => s === undefined)) return unknown;
  const [first = "", second = ""] = strings as string[];
  if (name in stringFunctions && strings.length === 1) return { one: stringFunctions[name]!(first) };
  if (name === "starts_with") return { one: first.startsWith(second) };
  if (name === "ends_with") return { one: first.endsWith(second) };
  if (name === "concat") return { one: (strings as string[]).join("") };
  return unknown;
}

function argumentValue(arg: Exclude<Argument, Expr>, request: SampleRequest): Value {
  if (arg.type === "string" || arg.type === "int") return { one: arg.value };
  if (arg.type === "ip") return unknown;
  return valueOf(arg, request);
}

function valueOf(value: ValueExpr, request: SampleRequest): Value {
  if (value.type === "field") return Object.hasOwn(request, value.name) ? { one: request[value.name]! } : unknown;
  if (value.type === "index") return index(valueOf(value.target, request), value.index);
  return call(value.name, value.args, request);
}

function wildcard(pattern: string, strict: boolean): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else source += c === "*" ? ".*" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, strict ? "s" : "is");
}

function compareScalar(op: CompareExpr["op"], left: Scalar, right: Scalar): Truth {
  if (op === "eq") return left === right;
  if (op === "ne") return left !== right;
  if (typeof left === "number" && typeof right === "number") {
    return op === "lt" ? left < right : op === "le" ? left <= right : op === "gt" ? left > right : op === "ge" ? left >= right : unknown;
  }
  if (typeof left !== "string" || typeof right !== "string") return unknown;
  try {
    if (op === "contains") return left.includes(right);
    if (op === "matches") return new RegExp(right, "u").test(left); // close to Rust's regex for the patterns rules use
    if (op === "wildcard" || op === "strict wildcard") return wildcard(right, op === "strict wildcard").test(left);
  } catch {
    return unknown;
  }
  return unknown;
}

function inSet(node: InSetExpr, left: Scalar): Truth {
  let result: Truth = false;
  for (const item of node.items) {
    if (item.type === "string" || item.type === "int") result = or(result, left === item.value);
    else if (item.type === "int-range") result = or(result, typeof left === "number" && left >= item.from && left <= item.to);
    else result = or(result, unknown);
  }
  return result;
}

/** One comparison per element of a [*] mapping, or unknown. */
function evaluateMapped(expr: Expr, request: SampleRequest): Truth[] | typeof unknown {
  if (expr.type !== "compare" && expr.type !== "in") return [evaluate(expr, request)];
  const left = valueOf(expr.left, request);
  if (left === unknown) return unknown;
  const items = "many" in left ? left.many : "one" in left && !Array.isArray(left.one) && !isRecord(left.one) ? [left.one] : [];
  return items.map((item) => (expr.type === "compare" ? compareScalar(expr.op, item, expr.right.type === "ip" ? "" : expr.right.value) : inSet(expr, item)));
}

export function evaluate(expr: Expr, request: SampleRequest): Truth {
  switch (expr.type) {
    case "bool":
      return expr.value;
    case "not":
      return not(evaluate(expr.operand, request));
    case "logical": {
      const left = evaluate(expr.left, request);
      const right = evaluate(expr.right, request);
      if (expr.op === "and") return and(left, right);
      if (expr.op === "or") return or(left, right);
      return left === unknown || right === unknown ? unknown : left !== right;
    }
    case "in-list":
      return unknown;
    case "is-true": {
      const value = valueOf(expr.value, request);
      if (value === unknown || "many" in value) return unknown;
      return "absent" in value ? false : value.one === true;
    }
    case "compare":
    case "in": {
      const left = valueOf(expr.left, request);
      if (left === unknown || "many" in left) return unknown;
      if ("absent" in left) return false; // a missing header or cookie compares false
      if (typeof left.one === "object") return unknown;
      if (expr.type === "in") return inSet(expr, left.one);
      return expr.right.type === "ip" ? unknown : compareScalar(expr.op, left.one, expr.right.value);
    }
  }
}

/** The fields a URL gives: host, path (and its extension), query, full URI, and whether it is https. */
export function sampleFromUrl(url: URL, extra: SampleRequest = {}): Record<string, SampleValue> {
  const path = decodeURIComponent(url.pathname);
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  const query = url.search.replace(/^\?/, "");
  return {
    "http.host": url.hostname.toLowerCase(),
    "http.request.uri.path": path,
    "http.request.uri.path.extension": dot > 0 ? last.slice(dot + 1).toLowerCase() : "",
    "http.request.uri.query": query,
    "http.request.uri": `${url.pathname}${url.search}`,
    "http.request.full_uri": url.href,
    ssl: url.protocol === "https:",
    ...extra,
  };
}
