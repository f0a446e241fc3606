// The firewall part of the engine conformance suite: two rules; one changed and one added; one
// removed and the other two swapped (one moves: an update of its position); an action changed in
// the dashboard as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  bots: `  - { ref: block-bots, description: Block bots, expression: '(http.user_agent contains "BadBot")', action: block }`,
  admin: (action: string) => `  - { ref: challenge-admin, expression: '(http.request.uri.path contains "/admin")', action: ${action} }`,
  api: `  - { ref: log-api, expression: '(starts_with(http.request.uri.path, "/api/"))', action: log }`,
};
const all = "[action,enabled,expression,ref]";

export const scenario: KindScenario = {
  create: {
    zone: ["firewall:", rules.bots, rules.admin("managed_challenge")],
    expect: ["create firewall-rule example.com/firewall/block-bots [action,description,enabled,expression,ref]", `create firewall-rule example.com/firewall/challenge-admin ${all}`],
  },
  update: {
    zone: ["firewall:", rules.bots, rules.admin("js_challenge"), rules.api],
    expect: ["update firewall-rule example.com/firewall/challenge-admin [action]", `create firewall-rule example.com/firewall/log-api ${all}`],
  },
  remove: {
    zone: ["firewall:", rules.api, rules.admin("js_challenge")],
    expect: ["delete firewall-rule example.com/firewall/block-bots [action,description,enabled,expression,ref]", "update firewall-rule example.com/firewall/log-api [position]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_firewall_custom/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled }) => ({ id, ref, description, expression, enabled, action: ref === "challenge-admin" ? "block" : action }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update firewall-rule example.com/firewall/challenge-admin [action]"],
  },
};
