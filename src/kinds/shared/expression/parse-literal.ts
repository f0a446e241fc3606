// Literal values on the right of an operator and in sets, read according to the left side's type.
import type { IntLiteral, IntRange, IpCidr, IpLiteral, IpRange, SetItem, StringLiteral } from "./ast.ts";
import { fail } from "./errors.ts";
import { parseCidr, parseIpRange, parseSingleAddress } from "./ip.ts";
import type { Token } from "./lexer.ts";
import { isWordPart } from "./lexer.ts";
import { parseInteger, readQuoted, readRaw } from "./literals.ts";
import type { ParserState } from "./parser-state.ts";
import { describeToken, resumeAt } from "./parser-state.ts";
import type { LiteralKind } from "./type-checker.ts";

const BYTES = /^[0-9a-fA-F]{2}(?:[:.-][0-9a-fA-F]{2})+$/;

function wordAt(src: string, start: number): { text: string; end: number } {
  let end = start;
  if (src[end] === "-") end++;
  while (end < src.length && isWordPart(src.charCodeAt(end))) end++;
  return { text: src.slice(start, end), end };
}

/** A string literal (quoted, raw, or a byte string like 0a:1b:2c) at the current token. */
export function readString(p: ParserState, regex: boolean, context: string): StringLiteral {
  const tok = p.tok;
  let node: StringLiteral;
  if (tok.kind === "string") {
    const read = readQuoted(p.src, tok.start, regex);
    node = { type: "string", value: read.value, syntax: "quoted", start: tok.start, end: read.end };
  } else if (tok.kind === "raw") {
    const read = readRaw(p.src, tok.start);
    node = { type: "string", value: read.value, syntax: "raw", start: tok.start, end: read.end };
  } else if (tok.kind === "word" && BYTES.test(tok.text)) {
    const value = tok.text.split(/[:.-]/).map((h) => String.fromCharCode(parseInt(h, 16))).join("");
    node = { type: "string", value, syntax: "bytes", start: tok.start, end: tok.end };
  } else {
    const hint = tok.kind === "word" || tok.kind === "ident" ? `put it in double quotes: "${tok.text}"` : undefined;
    return fail(tok.start, `expected a string ${context}, found ${describeToken(tok)}`, hint);
  }
  resumeAt(p, node.end);
  return node;
}

function notAWord(tok: Token, expected: string, context: string): never {
  const hint =
    tok.kind === "string" ? (expected === "an IP address" ? "IP addresses are written without quotes" : "integers are written without quotes") : undefined;
  return fail(tok.start, `expected ${expected} ${context}, found ${describeToken(tok)}`, hint);
}

export function readInt(p: ParserState, context: string): IntLiteral {
  const tok = p.tok;
  if (tok.kind !== "word") notAWord(tok, "an integer", context);
  const value = parseInteger(tok.text, tok.start);
  resumeAt(p, tok.end);
  return { type: "int", value, start: tok.start, end: tok.end };
}

function readIntItem(p: ParserState): IntLiteral | IntRange {
  const tok = p.tok;
  if (tok.kind !== "word") notAWord(tok, "an integer", "in the set");
  resumeAt(p, tok.end);
  const dots = tok.text.indexOf("..");
  if (dots < 0) return { type: "int", value: parseInteger(tok.text, tok.start), start: tok.start, end: tok.end };
  const from = parseInteger(tok.text.slice(0, dots), tok.start);
  const to = parseInteger(tok.text.slice(dots + 2), tok.start + dots + 2);
  if (from > to) fail(tok.start, `range ${tok.text} ends before it starts`);
  return { type: "int-range", from, to, start: tok.start, end: tok.end };
}

/** An IP address; CIDRs and ranges only where `allowRanges` (inside a set). */
export function readIp(p: ParserState, allowRanges: boolean, context: string): IpLiteral | IpCidr | IpRange {
  const tok = p.tok;
  if (tok.kind !== "word" && tok.kind !== "ident") notAWord(tok, "an IP address", context);
  const { text, end } = wordAt(p.src, tok.start);
  const start = tok.start;
  resumeAt(p, end);
  const isCidr = text.includes("/");
  const isRange = text.includes("..");
  if ((isCidr || isRange) && !allowRanges) {
    fail(start, `${isCidr ? "a CIDR" : "an IP range"} can only be used in a set`, `write in {${text}}`);
  }
  if (isCidr) {
    const cidr = parseCidr(text, start);
    return { type: "cidr", family: cidr.family, value: text, prefix: cidr.prefix, start, end };
  }
  if (isRange) {
    const range = parseIpRange(text, start);
    const dots = text.indexOf("..");
    return { type: "ip-range", family: range.family, from: text.slice(0, dots), to: text.slice(dots + 2), start, end };
  }
  const single = parseSingleAddress(text, start);
  return { type: "ip", family: single.family, value: text, start, end };
}

export function readValue(p: ParserState, kind: LiteralKind, context: string): StringLiteral | IntLiteral | IpLiteral {
  if (kind === "string") return readString(p, false, context);
  if (kind === "int") return readInt(p, context);
  return readIp(p, false, context) as IpLiteral;
}

/** The items of `{ ... }`; the current token is the opening brace. */
export function readSet(p: ParserState, kind: LiteralKind): { items: SetItem[]; end: number } {
  const open = p.tok;
  resumeAt(p, open.end);
  const items: SetItem[] = [];
  for (;;) {
    const tok = p.tok;
    if (tok.kind === "punct" && tok.text === "}") break;
    if (tok.kind === "eof") fail(open.start, 'missing "}" to close this set');
    if (tok.kind === "punct" && tok.text === ",") fail(tok.start, "unexpected \",\" in a set", "separate set items with spaces, not commas");
    if (kind === "string") items.push(readString(p, false, "in the set"));
    else if (kind === "int") items.push(readIntItem(p));
    else items.push(readIp(p, true, "in the set"));
  }
  if (items.length === 0) fail(open.start, "empty set: list at least one value between { and }");
  const close = p.tok;
  resumeAt(p, close.end);
  return { items, end: close.end };
}
