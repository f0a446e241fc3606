import { describe, expect, it } from "vitest";
import type { RedirectRuleSpec } from "../../kinds/redirect-rule/spec.ts";
import { check, state, zone } from "../test-fixtures.ts";
import { redirectLoop as policy } from "./redirect-loop.ts";

const source = { file: "desired-state/zones/example.com.yaml", line: 40, column: 5 };

function redirect(expression: string, target: RedirectRuleSpec["target_url"], enabled = true) {
  return state([{ ...zone("example.com"), redirects: [{ ref: "r", expression, target_url: target, enabled, source }] }, zone("example.net")]);
}

describe("redirect-loop", () => {
  it.each([
    ['(http.host eq "www.example.com")', "https://example.com/"],
    ['(http.request.uri.path eq "/old")', "https://example.com/new"],
    ['(starts_with(http.request.uri.path, "/blog"))', "https://example.net/blog"], // another zone: its own rules apply there
    ['(not ssl)', "https://example.com/"],
    ['(ip.src in {192.0.2.0/24})', "https://example.com/"], // depends on the visitor: not judged
  ])("passes %s -> %s", async (expression, value) => {
    expect(await check(policy, redirect(expression, { value }))).toEqual([]);
  });

  it("passes a disabled rule and a target built by an expression", async () => {
    expect(await check(policy, redirect("true", { value: "https://example.com/" }, false))).toEqual([]);
    expect(await check(policy, redirect("true", { expression: 'concat("https://example.com", http.request.uri.path)' }))).toEqual([]);
  });

  it.each([
    ['(http.host eq "example.com")', "https://example.com/landing"],
    ['(starts_with(http.request.uri.path, "/docs"))', "https://example.com/docs/index.html"],
    ["(http.request.uri.path.extension eq \"php\")", "https://www.example.com/index.php?x=1"],
    ["true", "https://example.com/"],
  ])("fails %s -> %s", async (expression, value) => {
    const found = await check(policy, redirect(expression, { value }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: "example.com/redirects/r", source });
    expect(found[0]!.message).toBe(`redirect r in example.com sends requests to ${value}, which its own expression matches: a redirect loop`);
  });
});
