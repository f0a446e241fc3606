// Catches regexes Cloudflare's engine (Rust's regex crate) rejects, as far as a cheap scan can:
// unbalanced brackets, and PCRE features the crate lacks. The scan never rejects valid syntax.

import { classEnd } from "./regex-class.ts";

export interface RegexProblem {
  /** Index in the pattern. */
  index: number;
  message: string;
  hint?: string;
}

const LOOKAROUND = /^\(\?<?[=!]/;

export function checkRegex(pattern: string): RegexProblem | undefined {
  const open: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (next >= "1" && next <= "9") return { index: i, message: `backreferences such as \\${next} are not supported by Cloudflare's regex engine` };
      if (next === "") return { index: i, message: "the regular expression ends with a lone \\" };
      i++;
    } else if (c === "[") {
      const end = classEnd(pattern, i);
      if (end < 0) return { index: i, message: 'unclosed "[" in the regular expression' };
      i = end;
    } else if (c === "(") {
      if (LOOKAROUND.test(pattern.slice(i, i + 4))) {
        return { index: i, message: "look-ahead and look-behind are not supported by Cloudflare's regex engine (Rust regex)" };
      }
      if (pattern.startsWith("(?>", i)) return { index: i, message: "atomic groups (?>...) are not supported by Cloudflare's regex engine" };
      open.push(i);
    } else if (c === ")") {
      if (open.pop() === undefined) return { index: i, message: 'unmatched ")" in the regular expression', hint: "escape it as \\) to match a parenthesis" };
    }
  }
  const unclosed = open.pop();
  return unclosed === undefined ? undefined : { index: unclosed, message: 'unclosed "(" in the regular expression' };
}
