import { describe, expect, it } from "vitest";
import { parseQuotedTxt, quoteTxt } from "./txt.ts";

describe("quoteTxt", () => {
  it("quotes plain text and escapes quotes and backslashes", () => {
    expect(quoteTxt('say "hi" \\ ok;')).toBe('"say \\"hi\\" \\\\ ok;"');
    expect(quoteTxt("")).toBe('""');
  });

  it("splits at 255 bytes without cutting a multi-byte character", () => {
    const text = "a".repeat(254) + "é" + "b";
    const chunks = parseQuotedTxt(quoteTxt(text))!;
    expect(chunks).toEqual(["a".repeat(254), "éb"]);
    expect(chunks.join("")).toBe(text);
  });

  it("keeps already-quoted input's chunks and re-splits only chunks that are too long", () => {
    expect(quoteTxt('"v=spf1" "-all"')).toBe('"v=spf1" "-all"');
    const long = `"${"x".repeat(300)}"`;
    expect(parseQuotedTxt(quoteTxt(long))!.map((c) => c.length)).toEqual([255, 45]);
  });

  it("is idempotent: quoting the stored form again changes nothing", () => {
    const once = quoteTxt('k=rsa; p="' + "\\".repeat(300));
    expect(quoteTxt(once)).toBe(once);
  });

  it("treats text that only starts with a quote as plain", () => {
    expect(parseQuotedTxt('"unterminated')).toBeUndefined();
    expect(parseQuotedTxt('"a"b')).toBeUndefined();
    expect(quoteTxt('"a" tail')).toBe('"\\"a\\" tail"');
  });

  it("decodes \\DDD escapes", () => {
    expect(parseQuotedTxt('"a\\059b"')).toEqual(["a;b"]);
  });
});
