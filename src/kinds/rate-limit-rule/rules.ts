// Semantic rules for rate-limiting rules: unique refs, expressions for the http_ratelimit phase
// (shared), characteristics Cloudflare accepts (cf.colo.id among them, not both ip.src and
// cf.unique_visitor_id), challenges without a mitigation timeout, and no list with requests_to_origin.
import { didYouMean } from "../../desired-state/did-you-mean.ts";
import type { ZoneRule } from "../kind.ts";
import { parseExpression } from "../shared/expression/index.ts";
import { listReferences } from "../shared/expression/list-references.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { rateLimitPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(rateLimitPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(rateLimitPhase);

/** Characteristics from developers.cloudflare.com/waf/rate-limiting-rules/parameters. */
export const knownCharacteristics = [
  "cf.colo.id", "ip.src", "cf.unique_visitor_id", "ip.src.asnum", "ip.src.country", "http.host", "http.request.uri.path",
  "http.request.uri.query", "http.request.method", "http.user_agent", "cf.bot_management.ja3_hash", "cf.bot_management.ja4",
  "cf.api_gateway.auth_id", "ip.src.subnet",
];
const indexed = /^(http\.request\.(headers|cookies|uri\.args)\["[^"]+"\]|lookup_json_(string|integer)\(http\.request\.body\.raw, *"[^"]+"\))$/;

export const characteristicsRule: ZoneRule = {
  name: "rate-limit-characteristics",
  check({ zone, locate }, report) {
    for (const rule of zone.rate_limits ?? []) {
      const list = rule.characteristics;
      if (!list.includes("cf.colo.id")) {
        report({ code: "rate-limit-characteristics-colo", message: "characteristics must include cf.colo.id (Cloudflare counts per data center)", hint: `characteristics: [cf.colo.id, ${list.join(", ") || "ip.src"}]` }, locate(rule, "characteristics"));
      }
      if (list.includes("ip.src") && list.includes("cf.unique_visitor_id")) {
        report({ code: "rate-limit-characteristics-conflict", message: "ip.src and cf.unique_visitor_id cannot be used together", hint: "keep one of them" }, locate(rule, ["characteristics", list.indexOf("cf.unique_visitor_id")]));
      }
      list.forEach((item, index) => {
        if (knownCharacteristics.includes(item) || indexed.test(item)) return;
        const header = /^http\.request\.headers\["[^"]*[A-Z][^"]*"\]$/.test(item);
        const guess = didYouMean(item, knownCharacteristics);
        report(
          {
            code: "rate-limit-characteristic-unknown",
            message: header ? `header names in characteristics must be lower case: ${item}` : `${item} is not a rate-limiting characteristic cf-gitops knows`,
            severity: header ? "error" : "warning",
            hint: header ? item.toLowerCase() : guess ? `did you mean ${guess}?` : 'e.g. ip.src, http.host, http.request.headers["x-api-key"]',
          },
          locate(rule, ["characteristics", index]),
        );
      });
    }
  },
};

const challenges = new Set(["challenge", "js_challenge", "managed_challenge"]);

export const mitigationRule: ZoneRule = {
  name: "rate-limit-mitigation",
  check({ zone, locate }, report) {
    for (const rule of zone.rate_limits ?? []) {
      if (challenges.has(rule.action) && (rule.mitigation_timeout ?? 0) !== 0) {
        report(
          { code: "rate-limit-challenge-timeout", severity: "warning", message: `with action ${rule.action}, Free, Pro and Business plans accept only mitigation_timeout: 0`, hint: "use 0 unless the zone is on Enterprise" },
          locate(rule, "mitigation_timeout"),
        );
      }
      if (rule.requests_to_origin === true) {
        const parsed = parseExpression(rule.expression, { phase: rateLimitPhase.phase });
        if (parsed.ok && listReferences(parsed.ast).length > 0) {
          report({ code: "rate-limit-list-origin", message: "a rule whose expression uses a list must count cached requests too (requests_to_origin: false)", hint: "remove requests_to_origin" }, locate(rule, "requests_to_origin"));
        }
      }
    }
  },
};
