// Functions of the Rules language, after developers.cloudflare.com/ruleset-engine/rules-language/functions/.
// Some are documented for other phases only (Transform Rules); they parse, and Cloudflare's API
// has the last word on where each may be used.
import type { Allowance } from "./allowances.ts";
import type { TypePattern, ValueType } from "./value-types.ts";

export interface FunctionParam {
  name: string;
  types: readonly TypePattern[];
  optional?: boolean;
  /** Must be a literal value (e.g. the HMAC key, split()'s limit). */
  literal?: boolean;
  /** Must not be a literal value (the docs: "source must be a field"). */
  notLiteral?: boolean;
}

export interface FunctionSignature {
  name: string;
  params: readonly FunctionParam[];
  /** Further arguments, each of this kind (concat, lookup_json_*, remove_query_args). */
  rest?: FunctionParam;
  /** The return type, or how to compute it from the argument types. */
  returns: ValueType | ((argTypes: readonly ValueType[]) => ValueType);
  /** Where it may be used, when not everywhere (allowances.ts). */
  only?: readonly Allowance[];
}

const S: TypePattern[] = ["String"];
const I: TypePattern[] = ["Integer"];
const key: FunctionParam = { name: "key", types: ["String", "Integer"] };

function sig(name: string, params: FunctionParam[], returns: FunctionSignature["returns"], rest?: FunctionParam): FunctionSignature {
  return rest ? { name, params, returns, rest } : { name, params, returns };
}

const list: FunctionSignature[] = [
  sig("any", [{ name: "conditions", types: ["Array<Boolean>"] }], "Boolean"),
  sig("all", [{ name: "conditions", types: ["Array<Boolean>"] }], "Boolean"),
  sig("bit_slice", [{ name: "protocol", types: S }, { name: "offset_start", types: I }, { name: "offset_end", types: I }], "Integer"),
  sig("cidr", [{ name: "address", types: ["IP address"] }, { name: "ipv4_network_bits", types: I }, { name: "ipv6_network_bits", types: I }], "IP address"),
  sig("cidr6", [{ name: "address", types: ["IP address"] }, { name: "ipv6_network_bits", types: I }], "IP address"),
  sig("concat", [{ name: "value", types: ["String", "Array<*>"] }], (args) => (args[0]?.startsWith("Array<") ? args[0] : "String"), {
    name: "value",
    types: ["String", "Array<*>"],
  }),
  sig("decode_base64", [{ name: "source", types: S, notLiteral: true }], "String"),
  sig("encode_base64", [{ name: "input", types: S }, { name: "flags", types: S, optional: true, literal: true }], "String"),
  sig("ends_with", [{ name: "source", types: S, notLiteral: true }, { name: "substring", types: S }], "Boolean"),
  sig("starts_with", [{ name: "source", types: S, notLiteral: true }, { name: "substring", types: S }], "Boolean"),
  sig("has_key", [{ name: "map", types: ["Map<*>"] }, { name: "key", types: S }], "Boolean"),
  sig("has_value", [{ name: "collection", types: ["Array<*>", "Map<*>"] }, { name: "value", types: ["String", "Integer", "Boolean", "IP address"] }], "Boolean"),
  sig(
    "is_timed_hmac_valid_v0",
    [
      { name: "key", types: S, literal: true },
      { name: "message_mac", types: S },
      { name: "ttl", types: I, literal: true },
      { name: "current_timestamp", types: I },
      { name: "separator_length", types: I, optional: true, literal: true },
      { name: "flags", types: S, optional: true, literal: true },
    ],
    "Boolean",
  ),
  sig("join", [{ name: "items", types: ["Array<String>"] }, { name: "separator", types: S }], "String"),
  sig("len", [{ name: "value", types: ["String", "Array<*>"] }], "Integer"),
  sig("lookup_json_integer", [{ name: "field", types: S }, key], "Integer", key),
  sig("lookup_json_string", [{ name: "field", types: S }, key], "String", key),
  sig("lower", [{ name: "value", types: S }], "String"),
  sig("upper", [{ name: "value", types: S }], "String"),
  sig("regex_replace", [{ name: "source", types: S }, { name: "regular_expression", types: S, literal: true }, { name: "replacement", types: S, literal: true }], "String"),
  sig("remove_bytes", [{ name: "source", types: S }, { name: "bytes", types: S, literal: true }], "String"),
  sig("remove_query_args", [{ name: "field", types: S, notLiteral: true }, { name: "query_param", types: S }], "String", { name: "query_param", types: S }),
  sig("split", [{ name: "input", types: S }, { name: "separator", types: S, literal: true }, { name: "limit", types: I, literal: true }], "Array<String>"),
  sig("substring", [{ name: "field", types: S }, { name: "start", types: I }, { name: "end", types: I, optional: true }], "String"),
  sig("to_string", [{ name: "value", types: ["Integer", "Boolean", "IP address"] }], "String"),
  sig("url_decode", [{ name: "source", types: S }, { name: "options", types: S, optional: true, literal: true }], "String"),
  sig("uuidv4", [{ name: "source", types: S }], "String"),
  sig(
    "wildcard_replace",
    [
      { name: "source", types: S, notLiteral: true },
      { name: "wildcard_pattern", types: S, literal: true },
      { name: "replacement", types: S, literal: true },
      { name: "flags", types: S, optional: true, literal: true },
    ],
    "String",
  ),
];

// Functions Cloudflare documents for some phases only (developers.cloudflare.com/ruleset-engine/
// rules-language/functions/): rewriting functions in the rewrite expressions of Transform Rules
// (not their filters) and in redirect target URLs; cidr(), cidr6() and decode_base64() in custom
// and rate-limiting rules (and Transform Rules).
const transforms: readonly Allowance[] = ["http_request_transform", "http_request_late_transform", "http_response_headers_transform"];
const rewriting: readonly Allowance[] = ["*:rewrite", "*:target_url"];
const firewallish: readonly Allowance[] = ["http_request_firewall_custom:filter", "http_ratelimit:filter", ...transforms];
const restrictions: Readonly<Record<string, readonly Allowance[]>> = {
  regex_replace: rewriting,
  wildcard_replace: rewriting,
  to_string: rewriting,
  cidr: firewallish,
  cidr6: firewallish,
  decode_base64: firewallish,
};

export const functions: Readonly<Record<string, FunctionSignature>> = Object.fromEntries(
  list.map((f) => [f.name, restrictions[f.name] ? { ...f, only: restrictions[f.name] } : f]),
);

export const functionNames: readonly string[] = Object.keys(functions);

export function functionSignature(name: string): FunctionSignature | undefined {
  return Object.hasOwn(functions, name) ? functions[name] : undefined;
}

export function formatSignature(f: FunctionSignature): string {
  const params = f.params.map((p) => `${p.optional ? "[" : ""}${p.name}: ${p.types.join(" | ")}${p.optional ? "]" : ""}`);
  if (f.rest) params.push(`...${f.rest.name}`);
  return `${f.name}(${params.join(", ")})`;
}
