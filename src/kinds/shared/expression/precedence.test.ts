// Logical operator precedence (not > and > xor > or), associativity, and AST shape.
import { describe, expect, it } from "vitest";
import type { Expr } from "./index.ts";
import { parseExpression } from "./index.ts";

/** A compact shape: booleans by value, logical ops as [op, left, right], not as ["not", x]. */
type Shape = string | Shape[];

function shape(e: Expr): Shape {
  switch (e.type) {
    case "logical":
      return [e.op, shape(e.left), shape(e.right)];
    case "not":
      return ["not", shape(e.operand)];
    case "is-true":
      return e.value.type === "field" ? e.value.name : e.value.type;
    case "bool":
      return String(e.value);
    default:
      return e.type;
  }
}

function parsed(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.ast;
}

describe("precedence", () => {
  it.each<[string, Shape]>([
    ["ssl and cf.client.bot or http.request.headers.truncated", ["or", ["and", "ssl", "cf.client.bot"], "http.request.headers.truncated"]],
    ["ssl or cf.client.bot and http.request.headers.truncated", ["or", "ssl", ["and", "cf.client.bot", "http.request.headers.truncated"]]],
    ["ssl xor cf.client.bot and true", ["xor", "ssl", ["and", "cf.client.bot", "true"]]],
    ["ssl or cf.client.bot xor true", ["or", "ssl", ["xor", "cf.client.bot", "true"]]],
    ["ssl xor cf.client.bot or true", ["or", ["xor", "ssl", "cf.client.bot"], "true"]],
    ["not ssl and cf.client.bot", ["and", ["not", "ssl"], "cf.client.bot"]],
    ["not (ssl and cf.client.bot)", ["not", ["and", "ssl", "cf.client.bot"]]],
    ["not not ssl", ["not", ["not", "ssl"]]],
    ["!ssl && cf.client.bot || true ^^ false", ["or", ["and", ["not", "ssl"], "cf.client.bot"], ["xor", "true", "false"]]],
    ["ssl and (cf.client.bot or true)", ["and", "ssl", ["or", "cf.client.bot", "true"]]],
    ["((ssl))", "ssl"],
  ])("%s", (text, expected) => {
    expect(shape(parsed(text))).toEqual(expected);
  });

  it("is left-associative within one operator", () => {
    expect(shape(parsed("ssl or cf.client.bot or true"))).toEqual(["or", ["or", "ssl", "cf.client.bot"], "true"]);
    expect(shape(parsed("ssl and cf.client.bot and true"))).toEqual(["and", ["and", "ssl", "cf.client.bot"], "true"]);
  });

  it("binds not to the whole comparison, not to the field", () => {
    const ast = parsed("not ip.src in {10.0.0.0/8} and ssl");
    expect(shape(ast)).toEqual(["and", ["not", "in"], "ssl"]);
  });
});

describe("AST details", () => {
  it("records the comparison, its operands and their spans", () => {
    const ast = parsed('http.request.headers["x-foo"][0] == "bar"');
    expect(ast).toMatchObject({
      type: "compare",
      op: "eq",
      start: 0,
      end: 41,
      left: { type: "index", index: 0, valueType: "String", target: { type: "index", index: "x-foo", valueType: "Array<String>", target: { type: "field", name: "http.request.headers" } } },
      right: { type: "string", value: "bar", syntax: "quoted", start: 36, end: 41 },
    });
  });

  it("reads strict wildcard, raw strings and escapes", () => {
    expect(parsed('http.host strict wildcard r#"*.Example"com"#')).toMatchObject({ op: "strict wildcard", right: { value: '*.Example"com', syntax: "raw" } });
    expect(parsed('http.host eq "a\\"b\\\\c\\x41\\101"')).toMatchObject({ right: { value: 'a"b\\cAA' } });
  });

  it("keeps regex escapes in quoted strings after matches", () => {
    expect(parsed('http.host matches "^www\\.example\\.com$"')).toMatchObject({ right: { value: "^www\\.example\\.com$" } });
    expect(parsed('http.host ~ "[\\"]"')).toMatchObject({ op: "matches", right: { value: '[\\"]' } });
  });

  it("reads sets of integers, ranges, IPs, CIDRs and IP ranges", () => {
    expect(parsed("cf.waf.score in {1 5..10 0x10 -3}")).toMatchObject({
      items: [{ type: "int", value: 1 }, { type: "int-range", from: 5, to: 10 }, { type: "int", value: 16 }, { type: "int", value: -3 }],
    });
    expect(parsed("ip.src in {192.0.2.1 198.51.100.0/24 2001:db8::/32 10.0.0.1..10.0.0.9}")).toMatchObject({
      items: [
        { type: "ip", family: 4, value: "192.0.2.1" },
        { type: "cidr", family: 4, prefix: 24 },
        { type: "cidr", family: 6, prefix: 32 },
        { type: "ip-range", from: "10.0.0.1", to: "10.0.0.9" },
      ],
    });
  });

  it("reads named and managed lists", () => {
    expect(parsed("ip.src in $office_network")).toMatchObject({ type: "in-list", list: "office_network" });
    expect(parsed("ip.src in $cf.malware")).toMatchObject({ type: "in-list", list: "cf.malware" });
  });

  it("types a [*] comparison as Array<Boolean> inside any() and the call as Boolean", () => {
    const ast = parsed('any(lower(http.request.headers.names[*])[*] == "x")');
    expect(ast).toMatchObject({
      type: "is-true",
      value: { type: "call", name: "any", valueType: "Boolean", args: [{ type: "compare", valueType: "Array<Boolean>", left: { mapped: true, valueType: "String" } }] },
    });
  });
});
