import { describe, expect, it } from "vitest";
import type { ListSpec, RedirectItemSpec } from "../../kinds/list/spec.ts";
import { check, state } from "../test-fixtures.ts";
import { bulkRedirectChain as policy } from "./bulk-redirect-chain.ts";

const file = "desired-state/lists/old_site.yaml";

function list(redirects: RedirectItemSpec[]): ReturnType<typeof state> {
  const spec: ListSpec = { list: "old_site", kind: "redirect", enabled: true, read_only: false, file, source: { file, line: 1, column: 1 }, items: redirects.map((redirect, index) => ({ redirect, source: { file, line: 5 + index, column: 5 } })) };
  return { ...state([]), lists: [spec] };
}

describe("bulk-redirect-chain", () => {
  it.each([
    [[{ source: "example.com/a", target: "https://example.com/b" }, { source: "example.com/c", target: "https://example.com/d" }]],
    [[{ source: "example.com/a", target: "https://other.example.net/a" }, { source: "example.com/b", target: "https://example.com/new" }]],
    // a target under a source without subpath matching is not matched by it
    [[{ source: "example.com/docs", target: "https://example.com/new" }, { source: "example.com/x", target: "https://example.com/docs/v2" }]],
  ])("passes %j", async (redirects) => {
    expect(await check(policy, list(redirects))).toEqual([]);
  });

  it.each([
    [[{ source: "example.com/a", target: "https://example.com/b" }, { source: "example.com/b", target: "https://example.com/c" }], ["example.com/a redirects to https://example.com/b, which example.com/b redirects again (example.com/a -> example.com/b -> https://example.com/c)"]],
    [[{ source: "example.com/a", target: "https://example.com/b" }, { source: "https://example.com/b", target: "http://example.com/a" }], ["example.com/a loops (example.com/a -> https://example.com/b -> example.com/a)", "https://example.com/b loops"]],
    [[{ source: "example.com/old", target: "https://example.com/docs/intro", }, { source: "example.com/docs", target: "https://docs.example.com/", subpath_matching: true }], ["example.com/old redirects to https://example.com/docs/intro, which example.com/docs redirects again"]],
    [[{ source: "example.com/a", target: "https://www.example.com/b" }, { source: "example.com/b", target: "https://example.com/z", include_subdomains: true }], ["which example.com/b redirects again"]],
  ])("fails %j", async (redirects, messages) => {
    const found = await check(policy, list(redirects as RedirectItemSpec[]));
    expect(found).toHaveLength(messages.length);
    found.forEach((finding, index) => {
      expect(finding.resource).toBe("lists/old_site");
      expect(finding.message).toContain(messages[index]);
    });
    expect(found[0]!.source).toEqual({ file, line: 5, column: 5 });
  });
});
