// Maps an index inside a string scalar's value to an offset in the file, through quotes,
// escapes, block-scalar indentation and line folding (used to point into firewall expressions).
import type { ScalarLike } from "./positions.ts";

function contentStart(source: string, scalar: ScalarLike, start: number): number {
  if (scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE") return start + 1;
  if (scalar.type === "BLOCK_LITERAL" || scalar.type === "BLOCK_FOLDED") {
    const newline = source.indexOf("\n", start);
    return newline < 0 ? start : newline + 1;
  }
  return start;
}

/** Next offset at or after `from` holding `char` (a folded line break matches a space). */
function find(source: string, char: string, from: number, end: number): number {
  for (let offset = from; offset < end; offset++) {
    const here = source[offset];
    if (here === char || ((char === " " || char === "\n") && here === "\n")) return offset;
  }
  return -1;
}

export function scalarOffset(source: string, scalar: ScalarLike, index: number): number {
  const [start, end] = scalar.range ?? [0, 0];
  const value = String(scalar.value);
  let offset = contentStart(source, scalar, start);
  for (let i = 0; i <= index && i < value.length; i++) {
    const found = find(source, value[i]!, offset, end);
    if (found < 0) return offset;
    if (i === index) return found;
    offset = found + 1;
  }
  // past the end of the value (e.g. "unexpected end of expression"): just after its last character
  return Math.min(offset, end);
}
