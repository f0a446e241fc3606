import { describe, expect, it } from "vitest";
import type { RateLimitRuleSpec } from "../../kinds/rate-limit-rule/spec.ts";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { rateLimitLogin as policy } from "./rate-limit-login.ts";

function withLimits(...expressions: string[]) {
  const rules: RateLimitRuleSpec[] = expressions.map((expression, index) => ({
    ref: `r${index}`, expression, characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 10, action: "block", enabled: true,
    source: { file: "desired-state/zones/example.com.yaml", line: 60 + index, column: 5 },
  }));
  return state([{ ...zone("example.com", { dns: [rec("@", "A", "203.0.113.1", { proxied: true })] }), rate_limits: rules }]);
}

describe("rate-limit-login", () => {
  it("is off by default", () => {
    expect(policy.level).toBe("disabled");
  });

  it.each([
    ['(http.request.uri.path eq "/login")'],
    ['(http.request.method eq "POST" and starts_with(http.request.uri.path, "/log"))'],
    ['(http.host eq "example.com" and http.request.uri.path in {"/login" "/signin"})'], // the host is not known: counted as covering
  ])("passes %s", async (expression) => {
    expect(await check(policy, withLimits(expression))).toEqual([]);
  });

  it("passes a zone without web traffic", async () => {
    expect(await check(policy, state([zone("example.org", { dns: [rec("@", "MX", "mx.example.org", {}, "example.org")] })]))).toEqual([]);
  });

  it.each([
    [[] as string[]],
    [['(http.request.uri.path eq "/api")']],
    [['(http.request.method eq "GET" and http.request.uri.path eq "/login")']],
  ])("fails %j", async (expressions) => {
    const found = await check(policy, withLimits(...expressions));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: "example.com/rate_limits", message: "no rate-limiting rule in example.com counts POST requests to /login" });
  });

  it("param paths", async () => {
    const found = await check(policy, withLimits('(http.request.uri.path eq "/login")'), { paths: ["/login", "/wp-login.php"] });
    expect(found[0]!.message).toBe("no rate-limiting rule in example.com counts POST requests to /wp-login.php");
  });
});
