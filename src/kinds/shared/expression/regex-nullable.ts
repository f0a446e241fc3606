// Does a regex (Rust syntax) match every string? `matches` searches anywhere in the value, so a
// pattern that can match the empty string matches everything, unless it is anchored at both
// ends. Conservative: anything this small analysis does not understand counts as "no".

import { classEnd } from "./regex-class.ts";

/** Splits `pattern` at top-level `|`, or returns undefined when brackets are unbalanced. */
function alternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  out.push(pattern.slice(start));
  return out;
}


function groupEnd(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") i = classEnd(pattern, i);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    if (i < 0) return -1;
  }
  return -1;
}

/** Whether a sequence of quantified atoms (no top-level `|`) can match the empty string. */
function sequenceNullable(seq: string): boolean {
  let i = 0;
  while (i < seq.length) {
    const c = seq[i];
    let end: number;
    let atomNullable = false;
    if (c === "^" || c === "$") {
      i++;
      continue;
    } else if (c === "(") {
      end = groupEnd(seq, i);
      if (end < 0) return false;
      const body = seq.slice(i + 1, end).replace(/^\?(?:[a-zA-Z]*:|P?<[^>]*>|:)/, "");
      atomNullable = nullable(body);
    } else if (c === "[") {
      end = classEnd(seq, i);
      if (end < 0) return false;
    } else if (c === "\\") {
      end = /[pP]/.test(seq[i + 1] ?? "") && seq[i + 2] === "{" ? seq.indexOf("}", i) : i + 1;
      if (end < 0) return false;
    } else end = i;
    const quantifier = /^(?:[*?]|\{0(?:,\d*)?\})\??/.exec(seq.slice(end + 1));
    if (!atomNullable && !quantifier) return false;
    i = end + 1 + (quantifier ? quantifier[0].length : /^(?:[+]|\{\d+(?:,\d*)?\})\??/.exec(seq.slice(end + 1))?.[0].length ?? 0);
  }
  return true;
}

function nullable(pattern: string): boolean {
  const alts = alternatives(pattern);
  return alts !== undefined && alts.some(sequenceNullable);
}

const FLAGS = /^\(\?[a-zA-Z]+\)/;
const DOT_STAR = /^\(?(?:\.|\[\\s\\S\]|\[\^\\n\])\*\??\)?$/;

export function regexMatchesEverything(pattern: string): boolean {
  let body = pattern;
  while (FLAGS.test(body)) body = body.replace(FLAGS, "");
  const anchoredStart = body.startsWith("^") || body.startsWith("\\A");
  const anchoredEnd = /(?:^|[^\\])(?:\$|\\z)$/.test(body);
  if (!anchoredStart || !anchoredEnd) return nullable(body);
  // ^...$ matches everything only when the middle is "any characters"; a newline in the value
  // could still slip past ".", which is fine for a catch-all warning.
  const middle = body.replace(/^(?:\^|\\A)/, "").replace(/(?:\$|\\z)$/, "");
  return DOT_STAR.test(middle);
}
