// A cache rule with `cache: true` that matches login or account pages, or requests that carry
// credentials, can serve one visitor's private page to the next.
import { evaluate, parseExpression, type Truth } from "../../kinds/shared/expression/index.ts";
import { phaseRuleId } from "../../kinds/shared/ruleset-phase/phase.ts";
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";
import { sampleRequest, type SampleParts } from "./request-samples.ts";

export interface CachePrivateParams {
  paths: string[];
  headers: string[];
  cookies: string[];
}

interface Sample {
  what: string;
  parts: SampleParts;
}

function samples(params: CachePrivateParams): Sample[] {
  return [
    ...params.paths.map((path) => ({ what: path, parts: { path } })),
    ...params.headers.map((header) => ({ what: `requests with the ${header} header`, parts: { path: "/", headers: { [header]: "credentials" } } })),
    ...params.cookies.map((cookie) => ({ what: `requests with the ${cookie} cookie`, parts: { path: "/", cookies: { [cookie]: "session-id" } } })),
  ];
}

export const cachePrivatePaths = definePolicy<CachePrivateParams>({
  id: "cache-private-paths",
  description: "Cache rules that cache (cache: true) do not match private pages or requests carrying credentials",
  level: "advisory",
  remediation: "exclude them in the expression, e.g. `and not starts_with(http.request.uri.path, \"/admin\") and not any(http.request.headers.names[*] eq \"authorization\")`",
  paramsSchema: {
    type: "object",
    properties: {
      paths: { type: "array", items: { type: "string", pattern: "^/" }, default: ["/admin", "/login", "/account", "/wp-admin", "/wp-login.php"] },
      headers: { type: "array", items: { type: "string" }, default: ["authorization"] },
      cookies: { type: "array", items: { type: "string" }, default: ["session", "sessionid", "PHPSESSID", "JSESSIONID", "wordpress_logged_in"] },
    },
    additionalProperties: false,
  },
  tightening: { paths: "superset", headers: "superset", cookies: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const rule of zone.cache_rules ?? []) {
        if (!rule.enabled || rule.cache !== true) continue;
        const parsed = parseExpression(rule.expression);
        if (!parsed.ok) continue; // reported by validate
        const matched = samples(params).map((sample) => [sample.what, evaluate(parsed.ast, sampleRequest(sample.parts))] as [string, Truth]).filter(([, truth]) => truth !== false);
        if (matched.length === 0) continue;
        const certain = matched.every(([, truth]) => truth === true);
        findings.push({
          resource: phaseRuleId(zone.zone, "cache_rules", rule.ref),
          message: `cache rule ${rule.ref} in ${zone.zone} caches and ${certain ? "matches" : "may match"} ${matched.map(([what]) => what).join(", ")}`,
          source: rule.source,
        });
      }
    }
    return findings;
  },
});
