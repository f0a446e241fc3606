// The URL rewrite part of the engine conformance suite: a static and a dynamic rewrite; one's path
// changed and one added; one removed; the query changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  v1: (to: string) => `  - { ref: v1-to-api, description: /v1 moved, expression: 'starts_with(http.request.uri.path, "/v1/")', path: { expression: 'regex_replace(http.request.uri.path, "^/v1/", "${to}")' } }`,
  legacy: "  - { ref: legacy, expression: '(http.request.uri.path eq \"/old\")', path: { value: \"/new\" }, query: { value: \"from=old\" } }",
  shop: "  - { ref: shop, expression: '(http.request.uri.path eq \"/shop\")', query: { expression: 'concat(\"src=shop&\", http.request.uri.query)' } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["url_rewrites:", rules.v1("/api/v1/"), rules.legacy],
    expect: [
      "create url-rewrite-rule example.com/url_rewrites/v1-to-api [action,description,enabled,expression,path,ref]",
      "create url-rewrite-rule example.com/url_rewrites/legacy [action,enabled,expression,path,query,ref]",
    ],
  },
  update: {
    zone: ["url_rewrites:", rules.v1("/api/v2/"), rules.legacy, rules.shop],
    expect: ["update url-rewrite-rule example.com/url_rewrites/v1-to-api [path]", "create url-rewrite-rule example.com/url_rewrites/shop [action,enabled,expression,query,ref]"],
  },
  remove: {
    zone: ["url_rewrites:", rules.v1("/api/v2/"), rules.shop],
    expect: ["delete url-rewrite-rule example.com/url_rewrites/legacy [action,enabled,expression,path,query,ref]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_transform/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "shop" ? { uri: { query: { value: "src=dashboard" } } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update url-rewrite-rule example.com/url_rewrites/shop [query]"],
  },
};
