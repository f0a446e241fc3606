// Readers for string and integer literals. Offsets are 0-based positions in the expression.
import { fail } from "./errors.ts";

export interface StringRead {
  value: string;
  end: number;
}

/**
 * A quoted string starting at `start` (the opening quote). Outside a regex only \" \\ \xHH and
 * octal \NNN are escapes; after `matches` the string is a regex, whose escapes pass through,
 * and a `"` inside a character class does not end it (wirefilter's rule).
 */
export function readQuoted(src: string, start: number, regex: boolean): StringRead {
  let value = "";
  let inClass = false;
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      const e = src[i + 1];
      if (e === undefined) break;
      if (regex) {
        value += inClass || e !== '"' ? `\\${e}` : e;
        i++;
        continue;
      }
      const escaped = basicEscape(src, i);
      value += escaped.value;
      i = escaped.end - 1;
      continue;
    }
    if (c === '"' && !inClass) return { value, end: i + 1 };
    if (regex && c === "[" && !inClass) inClass = true;
    else if (regex && c === "]" && inClass) inClass = false;
    value += c;
  }
  return fail(start, "unterminated string: missing the closing \"", inClass ? 'in a regular expression a " inside [...] does not end the string' : undefined);
}

function basicEscape(src: string, at: number): StringRead {
  const e = src[at + 1] ?? "";
  if (e === '"' || e === "\\") return { value: e, end: at + 2 };
  if (e === "x") {
    const hex = src.slice(at + 2, at + 4);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(at, "invalid escape: \\x needs two hex digits, as in \\x2e");
    return { value: String.fromCharCode(parseInt(hex, 16)), end: at + 4 };
  }
  if (e >= "0" && e <= "7") {
    const oct = src.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) fail(at, "invalid escape: an octal escape needs three digits up to \\377");
    return { value: String.fromCharCode(parseInt(oct, 8)), end: at + 4 };
  }
  return fail(at, `invalid escape \\${e} in a string`, 'only \\" \\\\ \\xHH and \\NNN are escapes here; use a raw string r"..." for regular expressions');
}

/** A raw string r"..." / r#"..."# starting at `start` (the r); no escapes inside. */
export function readRaw(src: string, start: number): StringRead & { hashes: number } {
  let i = start + 1;
  while (src[i] === "#") i++;
  const hashes = i - start - 1;
  if (hashes > 255) fail(start, "a raw string can have at most 255 # characters");
  const close = `"${"#".repeat(hashes)}`;
  const end = src.indexOf(close, i + 1);
  if (src[i] !== '"' || end < 0) fail(start, `unterminated raw string: missing the closing ${close}`);
  return { value: src.slice(i + 1, end), end: end + close.length, hashes };
}

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** Integer literal: decimal (optionally negative), 0x hex, or octal with a leading 0 (as wirefilter reads them). */
export function parseInteger(text: string, offset: number): number {
  let big: bigint;
  if (/^-?[1-9][0-9]*$|^0$/.test(text)) big = BigInt(text);
  else if (/^0x[0-9a-fA-F]+$/.test(text)) big = BigInt(text);
  else if (/^0[0-7]+$/.test(text)) big = BigInt(`0o${text.slice(1)}`);
  else return fail(offset, `invalid integer ${JSON.stringify(text)}`);
  if (big > I64_MAX || big < I64_MIN) fail(offset, `integer ${text} is out of the 64-bit range`);
  return Number(big);
}
