// The rate-limit part of the engine conformance suite: two rules (one uses $conformance_ips, which
// the list scenario creates first); one's period changed and one added; one removed; the request
// count changed through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  login: (period: number) =>
    `  - { ref: login-burst, description: Slow down logins, expression: '(http.request.uri.path eq "/login" and not ip.src in $conformance_ips)', characteristics: [cf.colo.id, ip.src], period: ${period}, requests_per_period: 20, mitigation_timeout: 600, action: block }`,
  api: "  - { ref: api-burst, expression: '(starts_with(http.request.uri.path, \"/api/\"))', characteristics: [ip.src, cf.colo.id], period: 10, requests_per_period: 100, action: managed_challenge }",
  search: "  - { ref: search, expression: '(http.request.uri.path eq \"/search\")', characteristics: [cf.colo.id, ip.src], period: 60, requests_per_period: 30, mitigation_timeout: 60, action: log }",
};
const fields = "[action,characteristics,enabled,expression,mitigation_timeout,period,ref,requests_per_period]";

export const scenario: KindScenario = {
  create: {
    zone: ["rate_limits:", rules.login(60), rules.api],
    expect: [
      "create rate-limit-rule example.com/rate_limits/login-burst [action,characteristics,description,enabled,expression,mitigation_timeout,period,ref,requests_per_period]",
      `create rate-limit-rule example.com/rate_limits/api-burst ${fields}`,
    ],
  },
  update: {
    zone: ["rate_limits:", rules.login(120), rules.api, rules.search],
    expect: ["update rate-limit-rule example.com/rate_limits/login-burst [period]", `create rate-limit-rule example.com/rate_limits/search ${fields}`],
  },
  remove: {
    zone: ["rate_limits:", rules.login(120), rules.search],
    expect: [`delete rate-limit-rule example.com/rate_limits/api-burst ${fields}`],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_ratelimit/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, ratelimit }) => ({
        id, ref, description, expression, action, enabled,
        // as Cloudflare's dashboard writes it: a mitigation_expression and requests_to_origin it adds itself
        ratelimit: { ...(ratelimit as object), mitigation_expression: "", requests_to_origin: false, ...(ref === "search" ? { requests_per_period: 300 } : {}) },
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update rate-limit-rule example.com/rate_limits/search [requests_per_period]"],
  },
};
