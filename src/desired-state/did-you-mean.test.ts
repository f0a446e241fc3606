import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean.ts";

describe("did you mean", () => {
  it("measures edit distance, stopping past the limit", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });

  it.each([
    ["proxy", "proxied"], // a prefix counts as one edit
    ["contnet", "content"], // two edits in a short word
    ["PRIORITY", "priority"], // case is ignored
    ["http.hots", "http.host"],
    ["cf.threatscore", "cf.threat_score"],
  ])("suggests %s -> %s", (input, expected) => {
    expect(didYouMean(input, ["content", "proxied", "priority", "http.host", "cf.threat_score", "ttl"])).toBe(expected);
  });

  it("suggests nothing for far-off or one-letter words", () => {
    expect(didYouMean("completely.unrelated.name", ["http.host", "ip.src"])).toBeUndefined();
    expect(didYouMean("zzzz", ["ttl", "type"])).toBeUndefined();
    expect(didYouMean("x", ["xy"])).toBeUndefined();
  });

  it("allows two edits up to 4 letters, three at 5, then one more every 3 letters", () => {
    expect(didYouMean("tyep", ["type"])).toBe("type"); // 2 edits, 4 letters
    expect(didYouMean("abcd", ["axyd"])).toBe("axyd"); // 2 edits, 4 letters
    expect(didYouMean("abcd", ["wxyz"])).toBeUndefined(); // 4 edits
    expect(didYouMean("abcdefgWXYZ", ["abcdefgijkl"])).toBe("abcdefgijkl"); // 4 edits, 11 letters: limit 5
    expect(didYouMean("abcdeVWXYZ1", ["abcdefghijk"])).toBeUndefined(); // 6 edits
  });
});
