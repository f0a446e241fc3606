// The cache-rule part of the engine conformance suite: two rules; one's edge TTL changed and one
// added; one removed; the browser TTL changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  assets: (seconds: number) =>
    `  - { ref: static-assets, description: Static assets, expression: '(http.request.uri.path.extension in {"css" "js" "png"})', cache: true, edge_ttl: { mode: override_origin, default: ${seconds} }, browser_ttl: { mode: respect_origin } }`,
  api: "  - { ref: no-api, expression: '(starts_with(http.request.uri.path, \"/api/\"))', cache: false }",
  images: "  - { ref: images, expression: '(starts_with(http.request.uri.path, \"/img/\"))', cache: true, browser_ttl: { mode: override_origin, default: 3600 } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["cache_rules:", rules.assets(86400), rules.api],
    expect: [
      "create cache-rule example.com/cache_rules/static-assets [action,browser_ttl,cache,description,edge_ttl,enabled,expression,ref]",
      "create cache-rule example.com/cache_rules/no-api [action,cache,enabled,expression,ref]",
    ],
  },
  update: {
    zone: ["cache_rules:", rules.assets(7200), rules.api, rules.images],
    expect: ["update cache-rule example.com/cache_rules/static-assets [edge_ttl]", "create cache-rule example.com/cache_rules/images [action,browser_ttl,cache,enabled,expression,ref]"],
  },
  remove: {
    zone: ["cache_rules:", rules.assets(7200), rules.images],
    expect: ["delete cache-rule example.com/cache_rules/no-api [action,cache,enabled,expression,ref]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_cache_settings/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "images" ? { ...(action_parameters as object), browser_ttl: { mode: "bypass" } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update cache-rule example.com/cache_rules/images [browser_ttl]"],
  },
};
