// Scalars of the fast YAML reader: YAML 1.2 core-schema resolution of plain scalars, and one-line
// quoted scalars. `undefined` means "not in the subset": the caller falls back to the full parser.

const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", '"': '"', "/": "/", b: "\b", f: "\f", e: "\x1b", " ": " " };
/** Characters a non-string plain scalar can start with (null, bool, numbers, .inf/.nan). */
const specialStart = new Set(["~", "n", "N", "t", "T", "f", "F", "-", "+", ".", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

export function resolvePlain(raw: string): unknown {
  if (raw !== "" && !specialStart.has(raw[0]!)) return raw;
  if (raw === "" || raw === "~" || raw === "null" || raw === "Null" || raw === "NULL") return null;
  if (/^(?:true|True|TRUE)$/.test(raw)) return true;
  if (/^(?:false|False|FALSE)$/.test(raw)) return false;
  if (/^[-+]?[0-9]+$/.test(raw)) return Number(raw);
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(raw)) return Number(raw);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(raw)) return raw.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(raw)) return NaN;
  return raw;
}

/** A one-line double-quoted scalar starting at p: [value, offset after the closing quote]. */
export function readDoubleQuoted(text: string, p: number, end: number): [string, number] | undefined {
  let out = "";
  for (let q = p + 1; q < end; q++) {
    const c = text[q]!;
    if (c === '"') return [out, q + 1];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = text[++q]!;
    if (e in escapes) out += escapes[e];
    else if (e === "x" || e === "u") {
      const size = e === "x" ? 2 : 4;
      const hex = text.slice(q + 1, q + 1 + size);
      if (hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      q += size;
    } else return undefined;
  }
  return undefined;
}

/** A one-line single-quoted scalar starting at p ('' is a quote). */
export function readSingleQuoted(text: string, p: number, end: number): [string, number] | undefined {
  let out = "";
  for (let q = p + 1; q < end; q++) {
    const c = text[q]!;
    if (c !== "'") out += c;
    else if (text[q + 1] === "'") {
      out += "'";
      q++;
    } else return [out, q + 1];
  }
  return undefined;
}
