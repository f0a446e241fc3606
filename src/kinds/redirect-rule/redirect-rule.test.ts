import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { redirectPhase, redirectValueFromApi, redirectValueFromSpec } from "./normalise.ts";

function zone(fields: string): string {
  return `zone: example.com\nredirects:\n  - { ref: www, expression: '(http.host eq "www.example.com")', ${fields} }\n`;
}

describe("redirects", () => {
  it("makes Cloudflare's defaults explicit, so an omitted status code equals a live 301", () => {
    const spec = { ref: "www", expression: "(true)", target_url: { value: "https://example.com/" }, enabled: true, source: { file: "f", line: 1, column: 1 } };
    const live = redirectValueFromApi({ id: "x", ref: "www", expression: "(true)", action: "redirect", enabled: true, action_parameters: { from_value: { target_url: { value: "https://example.com/" }, status_code: 301, preserve_query_string: false } } });
    expect(live).toEqual(redirectValueFromSpec(spec));
    expect(redirectPhase.toApi(live)).toMatchObject({ action: "redirect", action_parameters: { from_value: { target_url: { value: "https://example.com/" }, status_code: 301, preserve_query_string: false } } });
  });

  it.each([
    'target_url: { value: "https://example.com/" }',
    "target_url: { expression: 'concat(\"https://example.com\", http.request.uri.path)' }, status_code: 308, preserve_query_string: true",
    "target_url: { expression: 'wildcard_replace(http.request.full_uri, r\"https://www.*\", r\"https://${1}\")' }",
    'target_url: { value: "https://example.com/" }, status_code: 303', // the API, the SDK and the provider take 303
  ])("accepts %s", async (fields) => {
    expect((await loadFiles({ "zones/example.com.yaml": zone(fields) })).diagnostics).toEqual([]);
  });

  it.each([
    ['target_url: { value: "https://example.com/" }, status_code: 304', "304", "error schema-invalid-value: `status_code` must be one of 301, 302, 303, 307, 308; got 304"],
    ['target_url: { value: "/relative" }', '"/relative"', 'error schema-invalid-value: `value` has an invalid value "/relative"'],
    ['target_url: { value: "https://a.example/", expression: "http.request.full_uri" }', '"http.request.full_uri"', "error redirect-target-both: target_url takes a value or an expression, not both"],
    ["target_url: { expression: 'concat(\"https://example.com\", ip.src)' }", "ip.src", "error redirect-expression-syntax: target_url.expression: argument 2 (value) of concat() must be String or Array<*>, not IP address (column 31 of the expression)"],
    ["target_url: { expression: 'http.request.uri.path eq \"/\"' }", 'eq "/"', "error redirect-expression-syntax: target_url.expression: expected the end of the expression, found \"eq\" (column 23 of the expression)"],
  ])("reports %s", async (fields, needle, message) => {
    const text = zone(fields);
    const column = text.split("\n")[2]!.indexOf(needle) + 1;
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([`zones/example.com.yaml:3:${column} ${message}`]);
  });

  it("refuses regex_replace() in the filter, where Cloudflare allows it only in the target URL", async () => {
    const text = `zone: example.com\nredirects:\n  - { ref: r, expression: 'regex_replace(http.host, "a", "b") eq "x"', target_url: { value: "https://example.com/" } }\n`;
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([
      `zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf("regex_replace") + 1} error redirect-expression-syntax: expression: regex_replace() cannot be used in redirect rules' expressions (column 1 of the expression)`,
    ]);
  });
});
