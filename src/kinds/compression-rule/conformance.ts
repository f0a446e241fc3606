// The compression-rule part of the engine conformance suite: two rules; one's order changed and one
// added; one removed; the algorithms changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  html: (algorithms: string) => `  - { ref: zstd-html, description: zstd first for HTML, expression: 'http.response.content_type.media_type eq "text/html"', algorithms: [${algorithms}] }`,
  avif: "  - { ref: no-avif, expression: '(http.request.uri.path.extension eq \"avif\")', algorithms: [none] }",
  csv: "  - { ref: gzip-csv, expression: '(http.request.uri.path.extension eq \"csv\")', algorithms: [gzip, auto] }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["compression_rules:", rules.html("zstd, brotli, gzip"), rules.avif],
    expect: [
      "create compression-rule example.com/compression_rules/zstd-html [action,algorithms,description,enabled,expression,ref]",
      "create compression-rule example.com/compression_rules/no-avif [action,algorithms,enabled,expression,ref]",
    ],
  },
  update: {
    zone: ["compression_rules:", rules.html("brotli, zstd, gzip"), rules.avif, rules.csv],
    expect: ["update compression-rule example.com/compression_rules/zstd-html [algorithms]", "create compression-rule example.com/compression_rules/gzip-csv [action,algorithms,enabled,expression,ref]"],
  },
  remove: {
    zone: ["compression_rules:", rules.html("brotli, zstd, gzip"), rules.csv],
    expect: ["delete compression-rule example.com/compression_rules/no-avif [action,algorithms,enabled,expression,ref]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_response_compression/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "gzip-csv" ? { algorithms: [{ name: "brotli" }] } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update compression-rule example.com/compression_rules/gzip-csv [algorithms]"],
  },
};
