// The response header part of the engine conformance suite: two rules; one's value changed and one
// added; one removed; an added header changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  hsts: (age: number) => `  - { ref: hsts, description: HSTS everywhere, expression: "true", set: { Strict-Transport-Security: { value: "max-age=${age}; includeSubDomains" } }, remove: [X-Powered-By] }`,
  preload: "  - { ref: preload, expression: '(http.response.content_type.media_type eq \"text/html\")', add: { Link: { value: \"</style.css>; rel=preload\" } } }",
  cors: "  - { ref: cors, expression: '(starts_with(http.request.uri.path, \"/api/\"))', set: { Access-Control-Allow-Origin: { value: \"*\" } } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["response_headers:", rules.hsts(31536000), rules.preload],
    expect: [
      "create response-header-rule example.com/response_headers/hsts [action,description,enabled,expression,ref,remove,set]",
      "create response-header-rule example.com/response_headers/preload [action,add,enabled,expression,ref]",
    ],
  },
  update: {
    zone: ["response_headers:", rules.hsts(63072000), rules.preload, rules.cors],
    expect: ["update response-header-rule example.com/response_headers/hsts [set]", "create response-header-rule example.com/response_headers/cors [action,enabled,expression,ref,set]"],
  },
  remove: {
    zone: ["response_headers:", rules.hsts(63072000), rules.preload],
    expect: ["delete response-header-rule example.com/response_headers/cors [action,enabled,expression,ref,set]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_response_headers_transform/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "preload" ? { headers: { Link: { operation: "add", value: "</app.css>; rel=preload" } } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update response-header-rule example.com/response_headers/preload [add]"],
  },
};
