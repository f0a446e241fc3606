// The field and function tables, suggestions, and a guard against slow parsing.
import { describe, expect, it } from "vitest";
import { fieldNames, fields, fieldType, formatSignature, functionNames, functions, parseExpression } from "./index.ts";
import { closest, editDistance } from "./suggestions.ts";

describe("fields", () => {
  it.each<[string, string]>([
    ["ip.src", "IP address"],
    ["http.host", "String"],
    ["http.request.uri.path", "String"],
    ["cf.threat_score", "Integer"],
    ["cf.bot_management.score", "Integer"],
    ["cf.client.bot", "Boolean"],
    ["ip.geoip.country", "String"],
    ["ip.src.country", "String"],
    ["ip.geoip.asnum", "Integer"],
    ["ip.src.asnum", "Integer"],
    ["http.request.headers", "Map<Array<String>>"],
    ["http.request.uri.args", "Map<Array<String>>"],
    ["raw.http.request.uri.path", "String"],
    ["raw.http.request.uri.args.names", "Array<String>"],
    ["cf.waf.score.sqli", "Integer"],
    ["cf.edge.server_port", "Integer"],
    ["ssl", "Boolean"],
    ["cf.tls_client_auth.cert_verified", "Boolean"],
    ["http.request.body.multipart.names", "Array<Array<String>>"],
  ])("%s is %s", (name, type) => {
    expect(fieldType(name)).toBe(type);
  });

  it("covers the documented set broadly and only with valid types", () => {
    expect(fieldNames.length).toBeGreaterThan(150);
    for (const type of Object.values(fields)) expect(type).toMatch(/^(?:String|Integer|Boolean|IP address|(?:Array|Map)<.+>)$/);
  });

  it("does not treat Object.prototype names as fields", () => {
    expect(fieldType("constructor")).toBeUndefined();
    expect(parseExpression('toString eq "x"').ok).toBe(false);
  });

  it("every field parses in an expression of its type", () => {
    for (const [name, type] of Object.entries(fields)) {
      const text =
        type === "Boolean" ? name : type === "String" ? `${name} eq "x"` : type === "Integer" ? `${name} eq 1` : type === "IP address" ? `${name} eq 192.0.2.1` : type.startsWith("Map<") ? `has_key(${name}, "x")` : `len(${name}) gt 0`;
      const result = parseExpression(text);
      expect(result.ok ? "ok" : `${text}: ${result.error.message}`).toBe("ok");
    }
  });
});

describe("functions", () => {
  it("lists the documented functions with signatures", () => {
    for (const name of ["lower", "upper", "len", "any", "all", "concat", "ends_with", "starts_with", "lookup_json_string", "lookup_json_integer", "regex_replace", "remove_bytes", "to_string", "url_decode", "uuidv4", "wildcard_replace", "cidr", "cidr6", "decode_base64", "encode_base64", "substring", "split", "join", "has_key", "has_value", "bit_slice", "is_timed_hmac_valid_v0"]) {
      expect(functionNames).toContain(name);
    }
    expect(formatSignature(functions.substring!)).toBe("substring(field: String, start: Integer, [end: Integer])");
  });

  it("computes result types, including arrays from [*] arguments", () => {
    const check = (text: string) => {
      const result = parseExpression(text);
      return result.ok ? "ok" : result.error.message;
    };
    expect(check('split(http.request.headers["x"][0], ",", 3)[0] eq "a"')).toBe("ok");
    expect(check('to_string(cf.bot_management.score) eq "5"')).toBe("ok");
    expect(check('len(concat(http.request.headers.names, http.request.headers.values)) gt 1')).toBe("ok");
    expect(check('has_key(http.request.headers, "x-debug")')).toBe("ok");
    expect(check('lower(http.request.headers.names[*]) eq "x"')).toContain("Array<String> and cannot be compared directly");
  });
});

describe("suggestions", () => {
  it("measures edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("suggests the closest field, ignoring case, and nothing when far away", () => {
    expect(closest("http.hots", fieldNames)).toBe("http.host");
    expect(closest("HTTP.HOST", fieldNames)).toBe("http.host");
    expect(closest("ip.scr", fieldNames)).toBe("ip.src");
    expect(closest("cf.threatscore", fieldNames)).toBe("cf.threat_score");
    expect(closest("completely.unrelated.name", fieldNames)).toBeUndefined();
  });
});

describe("speed", () => {
  it("parses a typical rule in well under 150 µs of CPU time", () => {
    const text = '(http.host eq "api.example.com" and http.request.uri.path wildcard "/admin/*") or ip.src in {192.0.2.0/24 2001:db8::/32} or cf.threat_score gt 10';
    for (let i = 0; i < 500; i++) parseExpression(text);
    const n = 2000;
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) parseExpression(text);
    const used = process.cpuUsage(before);
    const perParse = (used.user + used.system) / n;
    console.log(`parseExpression: ${perParse.toFixed(2)} µs CPU for ${text.length} characters`);
    expect(perParse).toBeLessThan(150);
  });
});
