import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { urlRewriteFromApi, urlRewriteFromSpec, urlRewritePhase } from "./normalise.ts";

function zone(fields: string, expression = "starts_with(http.request.uri.path, \"/v1/\")"): string {
  return `zone: example.com\nurl_rewrites:\n  - { ref: v1, expression: '${expression}', ${fields} }\n`;
}

async function diagnostics(text: string): Promise<string[]> {
  return where(await loadFiles({ "zones/example.com.yaml": text }));
}

describe("URL rewrites", () => {
  it("reads the API's uri back as written, and writes it as the API takes it", () => {
    const live = urlRewriteFromApi({ id: "r1", ref: "v1", expression: "true", action: "rewrite", enabled: true, action_parameters: { uri: { path: { expression: "lower(http.request.uri.path)" }, query: { value: "a=1" } } } });
    const spec = { ref: "v1", expression: "true", path: { expression: "lower(http.request.uri.path)" }, query: { value: "a=1" }, enabled: true, source: { file: "f", line: 1, column: 1 } };
    expect(live).toEqual(urlRewriteFromSpec(spec));
    expect(urlRewritePhase.toApi(live)).toMatchObject({ action: "rewrite", action_parameters: { uri: { path: { expression: "lower(http.request.uri.path)" }, query: { value: "a=1" } } } });
  });

  it.each([
    "path: { expression: 'regex_replace(http.request.uri.path, \"^/v1/\", \"/api/v1/\")' }",
    'path: { value: "/new" }, query: { value: "from=v1" }',
    "query: { expression: 'concat(\"lang=\", http.request.accepted_languages[0])' }",
    "path: { expression: 'wildcard_replace(http.request.uri.path, \"/v1/*\", \"/api/${1}\")' }",
  ])("accepts %s", async (fields) => {
    expect(await diagnostics(zone(fields))).toEqual([]);
  });

  it.each([
    // a field Cloudflare does not offer in URL rewrite filters, at its column
    ['path: { value: "/x" }', "cf.bot_management.score gt 30", "cf.bot_management.score", "error url-rewrite-expression-syntax: expression: field cf.bot_management.score cannot be used in URL rewrite rules' expressions (column 1 of the expression)"],
    ['path: { value: "/x" }', 'http.response.code eq 200', "http.response.code", "error url-rewrite-expression-syntax: expression: field http.response.code cannot be used in URL rewrite rules' expressions (column 1 of the expression)"],
    ["path: { expression: 'concat(\"/\", ip.src.country)' }", undefined, "ip.src.country", "error url-rewrite-expression-syntax: path.expression: field ip.src.country cannot be used in URL rewrite rules' rewrite expressions (column 13 of the expression)"],
    ["path: { expression: 'regex_replace(regex_replace(http.request.uri.path, \"a\", \"b\"), \"c\", \"d\")' }", undefined, "regex_replace(http.request", "error url-rewrite-function-repeated: path.expression: regex_replace() may appear only once here (column 15 of the expression)"],
    ['path: { value: "/a", expression: "http.request.uri.path" }', undefined, '"http.request.uri.path"', "error url-rewrite-value-and-expression: path takes a value or an expression, not both"],
    ['query: { value: "?a=1" }', undefined, '"?a=1"', "error url-rewrite-query: query.value starts with ?; Cloudflare takes the query string without it"],
    ["enabled: true", undefined, "v1", "error url-rewrite-empty: the rule rewrites nothing: give path, query or both"],
  ])("reports %s", async (fields, expression, needle, message) => {
    const text = zone(fields, expression);
    const column = text.split("\n")[2]!.indexOf(needle) + 1;
    expect(await diagnostics(text)).toEqual([`zones/example.com.yaml:3:${column} ${message}`]);
  });

  it("refuses regex_replace() in the filter, where Cloudflare allows it only in rewrite expressions", async () => {
    const text = zone('path: { value: "/x" }', 'regex_replace(http.host, "a", "b") eq "x"');
    expect(await diagnostics(text)).toEqual([`zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf("regex_replace") + 1} error url-rewrite-expression-syntax: expression: regex_replace() cannot be used in URL rewrite rules' expressions (column 1 of the expression)`]);
  });
});
