// A position inside a string value maps back to the file through every scalar style.
import { describe, expect, it } from "vitest";
import { parseYaml } from "./parse-yaml.ts";
import { pathLocation } from "./source-map.ts";

function locate(text: string, index: number): { line: number; column: number } {
  const { parsed } = parseYaml(text, "f.yaml");
  const { line, column } = pathLocation(parsed!, ["e"], { charIndex: index });
  return { line, column };
}

describe("positions inside string values", () => {
  const value = 'a eq "x" and b';
  const target = value.indexOf("and");

  it("plain", () => expect(locate(`e: ${value}\n`, target)).toEqual({ line: 1, column: 4 + target }));
  it("double-quoted with escapes", () => expect(locate(`e: "a eq \\"x\\" and b"\n`, target)).toEqual({ line: 1, column: 5 + target + 2 }));
  it("single-quoted", () => expect(locate(`e: 'a eq "x" and b'\n`, target)).toEqual({ line: 1, column: 5 + target }));
  it("plain over two lines", () => expect(locate(`e: a eq "x"\n  and b\n`, target)).toEqual({ line: 2, column: 3 }));
  it("literal block", () => expect(locate(`e: |\n  a eq "x"\n  and b\n`, target)).toEqual({ line: 3, column: 3 }));
  it("folded block", () => expect(locate(`e: >-\n  a eq "x"\n  and b\n`, target)).toEqual({ line: 3, column: 3 }));
  it("just past the end", () => expect(locate(`e: "a eq b"\n`, 6)).toEqual({ line: 1, column: 11 }));
});
