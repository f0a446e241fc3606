// Login pages are where passwords are guessed: each listed path should be counted by a rate limit
// in every zone that serves web traffic. Off by default: which paths are logins is yours to say.
import { evaluate, parseExpression } from "../../kinds/shared/expression/index.ts";
import { definePolicy } from "../define-policy.ts";
import { zoneHasProxiedTraffic } from "../resources.ts";
import type { Finding } from "../types.ts";
import { sampleRequest } from "./request-samples.ts";

export interface RateLimitLoginParams {
  paths: string[];
  methods: string[];
}

export const rateLimitLogin = definePolicy<RateLimitLoginParams>({
  id: "rate-limit-login",
  description: "The login paths in params.paths are counted by an enabled rate-limiting rule in every zone that serves web traffic",
  level: "disabled",
  remediation: "add a rate limit, e.g. rate_limits: [{ ref: login, expression: '(http.request.uri.path eq \"/login\")', characteristics: [cf.colo.id, ip.src], period: 60, requests_per_period: 10, mitigation_timeout: 600, action: block }]",
  paramsSchema: {
    type: "object",
    properties: {
      paths: { type: "array", items: { type: "string", pattern: "^/" }, default: ["/login"] },
      methods: { type: "array", items: { type: "string" }, default: ["POST"] },
    },
    additionalProperties: false,
  },
  tightening: { paths: "superset", methods: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      if (!zoneHasProxiedTraffic(desired, zone)) continue;
      const rules = (zone.rate_limits ?? []).filter((rule) => rule.enabled).flatMap((rule) => {
        const parsed = parseExpression(rule.expression);
        return parsed.ok ? [parsed.ast] : [];
      });
      const uncovered = params.paths.filter((path) =>
        params.methods.some((method) => !rules.some((ast) => evaluate(ast, sampleRequest({ path, method })) !== false)),
      );
      if (uncovered.length === 0) continue;
      findings.push({
        resource: `${zone.zone}/rate_limits`,
        message: `no rate-limiting rule in ${zone.zone} counts ${params.methods.join("/")} requests to ${uncovered.join(", ")}`,
        source: zone.rate_limits?.[0]?.source ?? zone.source,
      });
    }
    return findings;
  },
});
