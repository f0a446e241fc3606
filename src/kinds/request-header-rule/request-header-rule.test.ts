import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { requestHeaderPhase } from "./normalise.ts";

function zone(fields: string, expression = "true"): string {
  return `zone: example.com\nrequest_headers:\n  - { ref: tag, expression: '${expression}', ${fields} }\n`;
}

async function diagnostics(text: string): Promise<string[]> {
  return where(await loadFiles({ "zones/example.com.yaml": text }));
}

describe("request header rules", () => {
  it("keeps header names as written, flattened by operation, and writes one headers map", () => {
    const live = requestHeaderPhase.fromApi({ id: "r", ref: "tag", expression: "true", action: "rewrite", enabled: true, action_parameters: { headers: { "X-Env": { operation: "set", value: "prod" }, "X-Debug": { operation: "remove" }, "X-Country": { operation: "set", expression: "ip.src.country" } } } });
    expect(live).toMatchObject({ set: { "X-Country": { expression: "ip.src.country" }, "X-Env": { value: "prod" } }, remove: ["X-Debug"] });
    expect(requestHeaderPhase.toApi(live).action_parameters).toEqual({ headers: { "X-Country": { operation: "set", expression: "ip.src.country" }, "X-Env": { operation: "set", value: "prod" }, "X-Debug": { operation: "remove" } } });
  });

  it.each([
    "set: { X-Client-Country: { expression: ip.src.country }, X-Env: { value: prod } }, remove: [X-Debug]",
    "set: { X-Bot-Score: { expression: to_string(cf.bot_management.score) } }",
    "remove: [cf-connecting-ip, cookie]",
    "set: { X-Path: { expression: 'regex_replace(http.request.uri.path, \"^/api\", \"\")' } }",
  ])("accepts %s", async (fields) => {
    expect(await diagnostics(zone(fields))).toEqual([]);
  });

  it.each([
    ["set: { cf-connecting-ip: { value: x } }", "cf-connecting-ip", "error request-header-header-not-allowed: Cloudflare does not let rules change cf-connecting-ip: headers starting with cf- or x-cf- are its own"],
    ["remove: [x-cf-foo]", "x-cf-foo", "error request-header-header-not-allowed: Cloudflare does not let rules change x-cf-foo: headers starting with cf- or x-cf- are its own"],
    ["set: { X-Forwarded-For: { value: 192.0.2.1 } }", "X-Forwarded-For", "error request-header-header-not-allowed: Cloudflare does not let rules set x-forwarded-for, which carries the visitor's address or protocol"],
    ["remove: [X-Forwarded-For]", "X-Forwarded-For", "error request-header-header-not-allowed: Cloudflare does not let rules remove x-forwarded-for"],
    ["set: { Host: { value: backend.example.net } }", "Host", "error request-header-header-not-allowed: Cloudflare does not let rules change the host request header"],
    ["set: { Cookie: { value: a=b } }", "Cookie", "error request-header-header-not-allowed: Cloudflare does not let rules set the cookie request header"],
    ["set: { X-Env: { value: prod } }, remove: [x-env]", "x-env", "error request-header-header-twice: header x-env is changed twice in one rule (set and remove)"],
    ["set: { X-Env: { expression: http.response.code } }", "http.response.code", "error request-header-expression-syntax: set.X-Env.expression: field http.response.code cannot be used in request header rules' rewrite expressions (column 1 of the expression)"],
    ["enabled: false", "tag", "error request-header-empty: the rule changes no header: give set, add or remove"],
  ])("reports %s", async (fields, needle, message) => {
    const text = zone(fields);
    const column = text.split("\n")[2]!.indexOf(needle) + 1;
    expect(await diagnostics(text)).toEqual([`zones/example.com.yaml:3:${column} ${message}`]);
  });

  it("refuses add, which Cloudflare offers for response headers only", async () => {
    const found = await diagnostics(zone("add: { X-Env: { value: prod } }"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^zones\/example.com.yaml:3:\d+ error schema-/);
    expect(found[0]).toContain("add");
  });
});
