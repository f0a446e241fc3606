// The origin-rule part of the engine conformance suite: two rules; one's port changed and one
// added; one removed; the SNI changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  api: (port: number) => `  - { ref: api-origin, description: api to the backend, expression: '(http.host eq "api.example.com")', host_header: backend.example.net, origin: { host: backend.example.com, port: ${port} }, sni: backend.example.net }`,
  port: "  - { ref: admin-port, expression: '(starts_with(http.request.uri.path, \"/admin\"))', origin: { port: 8080 } }",
  images: "  - { ref: images, expression: '(starts_with(http.request.uri.path, \"/img/\"))', host_header: images.example.net, origin: { host: images.example.com } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["origin_rules:", rules.api(8443), rules.port],
    expect: [
      "create origin-rule example.com/origin_rules/api-origin [action,description,enabled,expression,host_header,origin,ref,sni]",
      "create origin-rule example.com/origin_rules/admin-port [action,enabled,expression,origin,ref]",
    ],
  },
  update: {
    zone: ["origin_rules:", rules.api(9443), rules.port, rules.images],
    expect: ["update origin-rule example.com/origin_rules/api-origin [origin]", "create origin-rule example.com/origin_rules/images [action,enabled,expression,host_header,origin,ref]"],
  },
  remove: {
    zone: ["origin_rules:", rules.api(9443), rules.images],
    expect: ["delete origin-rule example.com/origin_rules/admin-port [action,enabled,expression,origin,ref]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_origin/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "api-origin" ? { ...(action_parameters as object), sni: { value: "other.example.net" } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update origin-rule example.com/origin_rules/api-origin [sni]"],
  },
};
