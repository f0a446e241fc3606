// The request header part of the engine conformance suite: two rules; one's static value changed
// and one added; one removed; a header's value changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  country: (env: string) => `  - { ref: tag-country, description: tell the origin the country, expression: "true", set: { X-Client-Country: { expression: ip.src.country }, X-Env: { value: ${env} } }, remove: [X-Debug] }`,
  bot: "  - { ref: bot-score, expression: '(starts_with(http.request.uri.path, \"/api/\"))', set: { X-Bot-Score: { expression: to_string(cf.bot_management.score) } } }",
  strip: "  - { ref: strip-cookie, expression: '(http.request.uri.path eq \"/static\")', remove: [cookie] }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["request_headers:", rules.country("prod"), rules.bot],
    expect: [
      "create request-header-rule example.com/request_headers/tag-country [action,description,enabled,expression,ref,remove,set]",
      "create request-header-rule example.com/request_headers/bot-score [action,enabled,expression,ref,set]",
    ],
  },
  update: {
    zone: ["request_headers:", rules.country("staging"), rules.bot, rules.strip],
    expect: ["update request-header-rule example.com/request_headers/tag-country [set]", "create request-header-rule example.com/request_headers/strip-cookie [action,enabled,expression,ref,remove]"],
  },
  remove: {
    zone: ["request_headers:", rules.country("staging"), rules.strip],
    expect: ["delete request-header-rule example.com/request_headers/bot-score [action,enabled,expression,ref,set]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_late_transform/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "strip-cookie" ? { headers: { cookie: { operation: "remove" }, "X-Debug": { operation: "remove" } } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update request-header-rule example.com/request_headers/strip-cookie [remove]"],
  },
};
