import { describe, expect, it } from "vitest";
import { compareText } from "./compare-text.ts";

describe("compareText", () => {
  it("orders by code unit, whatever the locale: upper case before lower case, accents after z", () => {
    const words = ["b", "é", "a", "B", "z", "A", "aa", "å"];
    expect([...words].sort(compareText)).toEqual(["A", "B", "a", "aa", "b", "z", "å", "é"]);
    // what localeCompare would say in most locales, for contrast: a different order
    expect([...words].sort((x, y) => x.localeCompare(y, "en"))).not.toEqual([...words].sort(compareText));
  });

  it("is a total order: equal only for the same string", () => {
    expect(compareText("x", "x")).toBe(0);
    expect(compareText("x", "y")).toBe(-1);
    expect(compareText("y", "x")).toBe(1);
  });
});
