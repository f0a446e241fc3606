// Tokens of the Rules language. Literal values after an operator are read by literals.ts,
// driven by the type of the left-hand side, as wirefilter does: `dead::1` is an IPv6 address
// after `ip.src in {`, and an unknown field anywhere else.
import { fail } from "./errors.ts";

export type TokenKind = "ident" | "word" | "string" | "raw" | "list" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

/** Length of the punctuation token starting with `code` followed by `next`, or 0. */
function punctLength(code: number, next: number): number {
  switch (code) {
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case 126: // ~
    case 42: // *
      return 1;
    case 60: // <
    case 62: // >
    case 33: // !
      return next === 61 ? 2 : 1;
    case 61: // ==
      return next === 61 ? 2 : 0;
    case 38: // &&
    case 124: // ||
    case 94: // ^^
      return next === code ? 2 : 0;
    default:
      return 0;
  }
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

export function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57) || code === 46;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters of an unquoted literal: integers, ranges, IPv4/IPv6 addresses and CIDRs, byte strings. */
export function isWordPart(code: number): boolean {
  return isIdentPart(code) || code === 58 || code === 47 || code === 45;
}

export function skipSpace(src: string, pos: number): number {
  while (pos < src.length && isSpace(src.charCodeAt(pos))) pos++;
  return pos;
}

function scanWhile(src: string, pos: number, part: (code: number) => boolean): number {
  while (pos < src.length && part(src.charCodeAt(pos))) pos++;
  return pos;
}

/** End of a quoted string starting at `start` (the opening quote), using basic escaping. */
function quotedEnd(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return fail(start, "unterminated string: missing the closing \"");
}

function rawEnd(src: string, start: number): number {
  let i = start + 1;
  while (src.charCodeAt(i) === 35) i++;
  const hashes = i - start - 1;
  if (src.charCodeAt(i) !== 34) fail(i, "expected \" to open the raw string", 'raw strings look like r"..." or r#"..."#');
  const close = `"${"#".repeat(hashes)}`;
  const end = src.indexOf(close, i + 1);
  if (end < 0) fail(start, `unterminated raw string: missing the closing ${close}`);
  return end + close.length;
}

export function nextToken(src: string, from: number): Token {
  const start = skipSpace(src, from);
  if (start >= src.length) return { kind: "eof", text: "", start, end: start };
  const code = src.charCodeAt(start);
  const next = src.charCodeAt(start + 1);
  if (code === 114 && (next === 34 || next === 35)) return token(src, "raw", start, rawEnd(src, start));
  if (isIdentStart(code)) return token(src, "ident", start, scanWhile(src, start + 1, isIdentPart));
  if (isDigit(code) || code === 58 || (code === 45 && isDigit(next))) {
    return token(src, "word", start, scanWhile(src, start + 1, isWordPart));
  }
  if (code === 34) return token(src, "string", start, quotedEnd(src, start));
  if (code === 36) return token(src, "list", start, scanWhile(src, start + 1, isIdentPart));
  const length = punctLength(code, next);
  if (length > 0) return token(src, "punct", start, start + length);
  return unexpectedCharacter(start, src[start] ?? "");
}

function token(src: string, kind: TokenKind, start: number, end: number): Token {
  return { kind, text: src.slice(start, end), start, end };
}

function unexpectedCharacter(offset: number, char: string): never {
  if (char === "=") fail(offset, "unexpected \"=\"", "compare with == or eq");
  if (char === "&") fail(offset, "unexpected \"&\"", "the logical AND is && or and");
  if (char === "|") fail(offset, "unexpected \"|\"", "the logical OR is || or or");
  if (char === "'") fail(offset, "unexpected \"'\"", 'strings are written in double quotes: "..."');
  if (char === "#") fail(offset, "unexpected \"#\"", "expressions cannot contain comments");
  return fail(offset, `unexpected character ${JSON.stringify(char)}`);
}
