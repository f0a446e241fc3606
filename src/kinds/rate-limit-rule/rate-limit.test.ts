import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { rateLimitPhase, rateLimitValueFromApi } from "./normalise.ts";

const base = { ref: "login", expression: '(http.request.uri.path eq "/login")', characteristics: "[cf.colo.id, ip.src]", period: 60, requests_per_period: 20, mitigation_timeout: 600, action: "block" };

function zone(extra: Record<string, unknown> = {}): string {
  const rule = { ...base, ...extra };
  const fields = Object.entries(rule).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${typeof value === "string" && key === "expression" ? `'${value}'` : String(value)}`);
  return `zone: example.com\nrate_limits:\n  - { ${fields.join(", ")} }\n`;
}

describe("rate-limiting rules", () => {
  it("reads keys Cloudflare adds on its own as defaults, not differences", () => {
    const live = rateLimitValueFromApi({
      id: "r1", ref: "login", expression: '(http.request.uri.path eq "/login")', action: "block", enabled: true, version: "2", last_updated: "x",
      ratelimit: { characteristics: ["ip.src", "cf.colo.id"], period: 60, requests_per_period: 20, mitigation_timeout: 600, mitigation_expression: "", requests_to_origin: false },
    });
    expect(live).toEqual({ ref: "login", expression: '(http.request.uri.path eq "/login")', action: "block", enabled: true, characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 20, mitigation_timeout: 600 });
    expect(rateLimitPhase.toApi(live)).toMatchObject({ ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 20, mitigation_timeout: 600, requests_to_origin: false } });
    expect(rateLimitPhase.toYaml(live)).toEqual({ ref: "login", expression: '(http.request.uri.path eq "/login")', characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 20, mitigation_timeout: 600, action: "block" });
  });

  it("accepts the documented rule", async () => {
    expect((await loadFiles({ "zones/example.com.yaml": zone() })).diagnostics).toEqual([]);
  });

  it.each([
    [{ period: 30 }, "30,", "error schema-invalid-value: `period` must be one of 10, 60, 120, 300, 600, 3600; got 30"],
    [{ mitigation_timeout: 5 }, "5,", "error schema-invalid-value: `mitigation_timeout` must be one of 0, 10, 60, 120, 300, 600, 3600, 86400; got 5"],
    [{ characteristics: "[ip.src]" }, "[ip.src]", "error rate-limit-characteristics-colo: characteristics must include cf.colo.id (Cloudflare counts per data center)"],
    [{ characteristics: "[cf.colo.id, ip.src, cf.unique_visitor_id]" }, "cf.unique", "error rate-limit-characteristics-conflict: ip.src and cf.unique_visitor_id cannot be used together"],
    [{ characteristics: "[cf.colo.id, ip.scr]" }, "ip.scr", "warning rate-limit-characteristic-unknown: ip.scr is not a rate-limiting characteristic cf-gitops knows"],
    [{ action: "managed_challenge" }, "600", "warning rate-limit-challenge-timeout: with action managed_challenge, Free, Pro and Business plans accept only mitigation_timeout: 0"],
    [{ expression: "http.response.code eq 429" }, "http.response", "error rate-limit-expression-syntax: expression: field http.response.code cannot be used in rate-limiting rules' expressions (column 1 of the expression)"],
    [{ expression: "ip.src in $cf.open_proxies", requests_to_origin: true }, "true", "error rate-limit-list-origin: a rule whose expression uses a list must count cached requests too (requests_to_origin: false)"],
  ])("reports %j at its value", async (extra, needle, message) => {
    const text = zone(extra);
    const column = text.split("\n")[2]!.indexOf(needle) + 1;
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([`zones/example.com.yaml:3:${column} ${message}`]);
  });

  it("reports a duplicate ref", async () => {
    const text = `${zone()}  - { ${zone().split("{ ")[1]}`;
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual(['zones/example.com.yaml:4:12 error rate-limit-duplicate-ref: duplicate rate-limit ref "login"']);
  });
});
