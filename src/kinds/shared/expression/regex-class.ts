// Where a character class of a regular expression ends, as Rust's regex engine reads it:
// escapes, POSIX classes ([[:alpha:]]) and nested classes ([a-z&&[^aeiou]]) included.

/** Index of the "]" closing the class that opens at `open`, or -1 when it is never closed. */
export function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === "\\") i++;
    else if (pattern[i] === "[" && pattern[i + 1] === ":") {
      const close = pattern.indexOf(":]", i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === "[") {
      // Rust allows nested classes such as [a-z&&[^aeiou]].
      const inner = classEnd(pattern, i);
      if (inner < 0) return -1;
      i = inner;
    } else if (pattern[i] === "]") return i;
  }
  return -1;
}
