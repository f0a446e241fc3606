import { describe, expect, it } from "vitest";
import { checkRegex } from "./regex-check.ts";

describe("checkRegex", () => {
  it.each(["", "^/articles/200[7-8]/$", "(?i)^/admin", "(?u)\\p{Hangul}+", "^(www|store|blog)\\.example\\.com", "[a-z&&[^aeiou]]", "[[:alpha:]]+", "[]a]", "[^]a]", "\\(x\\)", "(?P<name>a)", "(?<name>a)", "[(]"])(
    "accepts %s",
    (pattern) => {
      expect(checkRegex(pattern)).toBeUndefined();
    },
  );

  it.each<[string, number, string]>([
    ["(abc", 0, "unclosed"],
    ["abc)", 3, "unmatched"],
    ["[abc", 0, "unclosed"],
    ["a(?=b)", 1, "look-ahead"],
    ["(?<!a)b", 0, "look-behind"],
    ["(a)\\1", 3, "backreferences"],
    ["(?>a)", 0, "atomic"],
    ["a\\", 1, "lone"],
  ])("rejects %s at index %d", (pattern, index, message) => {
    const problem = checkRegex(pattern);
    expect(problem?.index).toBe(index);
    expect(problem?.message).toContain(message);
  });
});
