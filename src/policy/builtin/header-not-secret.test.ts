import { describe, expect, it } from "vitest";
import type { RequestHeaderRuleSpec } from "../../kinds/request-header-rule/spec.ts";
import { check, state, zone } from "../test-fixtures.ts";
import { headerNotSecret as policy } from "./header-not-secret.ts";

const source = { file: "desired-state/zones/example.com.yaml", line: 4, column: 5 };

function withHeaders(set: RequestHeaderRuleSpec["set"], where: "request_headers" | "response_headers" = "request_headers") {
  const z = zone("example.com");
  z[where] = [{ ref: "tag", expression: "true", enabled: true, source, ...(set ? { set } : {}) }];
  return state([z]);
}

describe("header-not-secret", () => {
  it.each([
    [{ "X-Env": { value: "prod" } }],
    [{ Authorization: { expression: 'concat("Bearer ", http.request.headers["x-token"][0])' } }],
    [{ "X-Request-Id": { expression: "cf.ray_id" } }],
    [{ "Cache-Control": { value: "no-store" } }],
  ])("passes %j", async (set) => {
    expect(await check(policy, withHeaders(set))).toEqual([]);
  });

  it.each([
    [{ Authorization: { value: "Bearer abcdefghijklmnop" } }, "sets Authorization to a fixed value that looks like an Authorization scheme with its credentials"],
    [{ "X-Api-Key": { value: "0123456789" } }, "sets X-Api-Key to a fixed value that is a credential by its name"],
    [{ "X-Upstream": { value: "ghp_abcdefghijklmnopqrstuvwxyz0123" } }, "looks like a GitHub token"],
    [{ "X-Session-Token": { value: "abc" } }, "is a credential by its name"],
  ])("fails %j", async (set, message) => {
    const found = await check(policy, withHeaders(set));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe("example.com/request_headers/tag");
    expect(found[0]!.message).toContain(message);
    expect(found[0]!.source).toEqual(source);
  });

  it("checks response header rules too, and params names and allow", async () => {
    expect(await check(policy, withHeaders({ "X-Api-Key": { value: "k" } }, "response_headers"))).toHaveLength(1);
    expect(await check(policy, withHeaders({ "X-Api-Key": { value: "k" } }), { allow: ["x-api-key"] })).toEqual([]);
    expect(await check(policy, withHeaders({ "X-Partner": { value: "k" } }), { names: ["x-partner"] })).toHaveLength(1);
  });
});
