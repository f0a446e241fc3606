import { describe, expect, it } from "vitest";
import { check, state, zone } from "../test-fixtures.ts";
import { cachePrivatePaths as policy } from "./cache-private-paths.ts";

const source = { file: "desired-state/zones/example.com.yaml", line: 50, column: 5 };

function cacheRule(expression: string, cache = true) {
  return state([{ ...zone("example.com"), cache_rules: [{ ref: "c", expression, cache, enabled: true, source }] }]);
}

describe("cache-private-paths", () => {
  it.each([
    ['(http.request.uri.path.extension in {"css" "js" "png"})'],
    ['(starts_with(http.request.uri.path, "/static/"))'],
    ['(http.request.uri.path eq "/" and not any(http.request.headers.names[*] eq "authorization") and not http.cookie contains "session" and not http.cookie contains "PHPSESSID" and not http.cookie contains "JSESSIONID" and not http.cookie contains "wordpress_logged_in")'],
  ])("passes %s", async (expression) => {
    expect(await check(policy, cacheRule(expression))).toEqual([]);
  });

  it("passes a rule that bypasses the cache", async () => {
    expect(await check(policy, cacheRule("true", false))).toEqual([]);
  });

  it.each([
    ["true", "matches /admin, /login, /account, /wp-admin, /wp-login.php, requests with the authorization header"],
    ['(http.host eq "www.example.com")', "may match /admin"],
    ['(starts_with(http.request.uri.path, "/account"))', "matches /account"],
    ['(http.request.uri.path eq "/")', "matches requests with the authorization header, requests with the session cookie"],
  ])("fails %s", async (expression, words) => {
    const found = await check(policy, cacheRule(expression));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: "example.com/cache_rules/c", source });
    expect(found[0]!.message).toContain(`cache rule c in example.com caches and ${words}`);
  });

  it("param paths", async () => {
    const only = { paths: ["/private"], headers: [], cookies: [] };
    expect(await check(policy, cacheRule('(starts_with(http.request.uri.path, "/admin"))'), only)).toEqual([]);
    expect(await check(policy, cacheRule('(starts_with(http.request.uri.path, "/priv"))'), only)).toHaveLength(1);
  });
});
