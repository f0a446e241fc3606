// A fast reader for the plain subset of YAML that desired-state files use (block mappings and
// sequences, one-line flow collections, plain and quoted one-line scalars, comments). yaml's own
// parser needs about 0.7 s per 10,000 records; this needs a tenth of that. Anything outside the
// subset (anchors, tags, block scalars, multi-line scalars, duplicate keys, tabs, CRLF, deep
// nesting, ...) returns undefined and the caller falls back to the full parser, which also
// produces the diagnostics for hostile or malformed input.
import { LineCounter } from "yaml";
import { readDoubleQuoted, readSingleQuoted, resolvePlain } from "./fast-yaml-scalars.ts";
import { limits } from "./limits.ts";

export type ScalarType = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";

export interface FastNode {
  value?: unknown;
  start: number;
  /** Scalars only: style, source range and value (the shape scalarOffset reads). */
  type?: ScalarType;
  range?: [number, number];
  keys?: Map<string, { keyStart: number; node: FastNode }>;
  items?: FastNode[];
}

class Unsupported extends Error {}

interface Line {
  start: number; // offset of the first character of the line
  indent: number;
  end: number; // offset of the line break (or text length)
}

const flowIndicators = new Set([",", "[", "]", "{", "}"]);
const forbiddenStart = new Set(["&", "*", "!", "|", ">", "%", "@", "`", "?"]);

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 32) indent++;
    const first = text[start + indent];
    if (start + indent < end && first !== "#") lines.push({ start, indent, end });
    if (end === text.length) break;
    start = end + 1;
  }
  return lines;
}

class Reader {
  readonly text: string;
  readonly lines: Line[];
  i = 0;

  constructor(text: string) {
    this.text = text;
    this.lines = splitLines(text);
  }

  fail(): never {
    throw new Unsupported();
  }

  isSeqItem(line: Line): boolean {
    const at = line.start + line.indent;
    return this.text[at] === "-" && (at + 1 === line.end || this.text[at + 1] === " ");
  }

  /** Skips spaces; true when only a comment or nothing is left before `end`. */
  restIsEmpty(p: number, end: number): boolean {
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p >= end || this.text[p] === "#";
  }

  skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  block(depth: number): FastNode & { value: unknown } {
    if (depth > limits.maxDepth) this.fail();
    const line = this.lines[this.i]!;
    return this.isSeqItem(line) ? this.sequence(line.indent, depth) : this.mapping(line.indent, line.start + line.indent, depth);
  }

  /** Offset of the ':' ending a block key that starts at p, or -1. */
  keyColon(p: number, end: number): number {
    const text = this.text;
    const first = text[p];
    if (first === "{" || first === "[" || first === "#") return -1;
    if (first === '"' || first === "'") {
      const close = first === '"' ? this.doubleQuoted(p, end)[1] : this.singleQuoted(p, end)[1];
      const colon = this.skipSpaces(close, end);
      return text[colon] === ":" && (colon + 1 === end || text[colon + 1] === " ") ? colon : -1;
    }
    for (let q = p; q < end; q++) {
      const c = text[q];
      if (c === ":" && (q + 1 === end || text[q + 1] === " ")) return q;
      if (c === "#" && text[q - 1] === " ") return -1;
    }
    return -1;
  }

  mapping(indent: number, firstKey: number, depth: number): FastNode & { value: unknown } {
    const value: Record<string, unknown> = {};
    const keys = new Map<string, { keyStart: number; node: FastNode }>();
    let keyStart = firstKey;
    for (;;) {
      const line = this.lines[this.i]!;
      const end = line.end;
      const colon = this.keyColon(keyStart, end);
      const first = this.text[keyStart]!;
      if (colon < 0 || forbiddenStart.has(first) || flowIndicators.has(first) || (first === "-" && this.text[keyStart + 1] === " ")) this.fail();
      const rawKey = this.text[keyStart] === '"' ? this.doubleQuoted(keyStart, end)[0] : this.text[keyStart] === "'" ? this.singleQuoted(keyStart, end)[0] : this.text.slice(keyStart, colon).replace(/ +$/, "");
      if (keys.has(rawKey) || rawKey === "__proto__" || rawKey === "<<") this.fail();
      let node: FastNode & { value: unknown };
      if (this.restIsEmpty(colon + 1, end)) {
        this.i++;
        const next = this.lines[this.i];
        if (next && next.indent > indent) node = this.block(depth + 1);
        else if (next && next.indent === indent && this.isSeqItem(next)) node = this.sequence(indent, depth + 1);
        else node = { start: keyStart, type: "PLAIN", range: [colon + 1, colon + 1], value: null };
      } else {
        node = this.inline(this.skipSpaces(colon + 1, end), end, depth + 1);
        this.i++;
      }
      value[rawKey] = node.value;
      keys.set(rawKey, { keyStart, node });
      const next = this.lines[this.i];
      if (!next || next.indent < indent) break;
      if (next.indent > indent || this.isSeqItem(next)) this.fail();
      keyStart = next.start + next.indent;
    }
    return { start: firstKey, keys, value };
  }

  sequence(indent: number, depth: number): FastNode & { value: unknown } {
    const items: FastNode[] = [];
    const value: unknown[] = [];
    const start = this.lines[this.i]!.start + indent;
    for (;;) {
      const line = this.lines[this.i]!;
      const p = this.skipSpaces(line.start + indent + 1, line.end);
      let node: FastNode & { value: unknown };
      if (p >= line.end || this.text[p] === "#") {
        this.i++;
        const next = this.lines[this.i];
        if (next && next.indent > indent) node = this.block(depth + 1);
        else node = { start: p, type: "PLAIN", range: [p, p], value: null };
      } else if (this.text[p] === "-" && (p + 1 === line.end || this.text[p + 1] === " ")) {
        this.fail();
      } else if (this.keyColon(p, line.end) >= 0) {
        node = this.mapping(p - line.start, p, depth + 1);
      } else {
        node = this.inline(p, line.end, depth + 1);
        this.i++;
      }
      items.push(node);
      value.push(node.value);
      const next = this.lines[this.i];
      if (!next || next.indent < indent) break;
      if (next.indent > indent) this.fail();
      if (!this.isSeqItem(next)) break; // a sibling key of a parent mapping at the same indent
    }
    return { start, items, value };
  }

  /** A value that fills the rest of the line (a scalar or a one-line flow collection). */
  inline(p: number, end: number, depth: number): FastNode & { value: unknown } {
    const c = this.text[p]!;
    let node: FastNode & { value: unknown };
    let after: number;
    if (c === "{" || c === "[") [node, after] = this.flow(p, end, depth);
    else if (c === '"' || c === "'") {
      const [value, close] = c === '"' ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
      node = { start: p, type: c === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE", range: [p, close], value };
      after = close;
    } else {
      if (forbiddenStart.has(c) || flowIndicators.has(c) || ((c === "-" || c === ":") && (this.text[p + 1] === " " || p + 1 === end))) this.fail();
      let q = p;
      while (q < end && !(this.text[q] === "#" && this.text[q - 1] === " ")) q++;
      const raw = this.text.slice(p, q).replace(/ +$/, "");
      if (raw.includes(": ") || raw.endsWith(":") || raw.includes("\t")) this.fail();
      node = { start: p, type: "PLAIN", range: [p, p + raw.length], value: resolvePlain(raw) };
      after = q;
    }
    if (!this.restIsEmpty(after, end)) this.fail();
    return node;
  }

  flow(p: number, end: number, depth: number): [FastNode & { value: unknown }, number] {
    if (depth > limits.maxDepth) this.fail();
    const text = this.text;
    const isMap = text[p] === "{";
    const close = isMap ? "}" : "]";
    const keys = new Map<string, { keyStart: number; node: FastNode }>();
    const items: FastNode[] = [];
    const object: Record<string, unknown> = {};
    const array: unknown[] = [];
    let q = this.skipSpaces(p + 1, end);
    while (text[q] !== close) {
      if (q >= end) this.fail();
      if (isMap) {
        const keyStart = q;
        const [key, afterKey] = this.flowScalar(q, end, true);
        if (typeof key.value !== "string" && key.type !== "PLAIN") this.fail();
        const rawKey = key.type === "PLAIN" ? text.slice(key.range![0], key.range![1]) : String(key.value);
        q = this.skipSpaces(afterKey, end);
        if (text[q] !== ":" || keys.has(rawKey) || rawKey === "__proto__" || rawKey === "<<") this.fail();
        q = this.skipSpaces(q + 1, end);
        const [node, after] = text[q] === "," || text[q] === "}" ? [{ start: q, type: "PLAIN" as const, range: [q, q] as [number, number], value: null }, q] : this.flowValue(q, end, depth);
        keys.set(rawKey, { keyStart, node });
        object[rawKey] = node.value;
        q = after;
      } else {
        const [node, after] = this.flowValue(q, end, depth);
        items.push(node);
        array.push(node.value);
        q = after;
      }
      q = this.skipSpaces(q, end);
      if (text[q] === ",") q = this.skipSpaces(q + 1, end);
      else if (text[q] !== close) this.fail();
    }
    const node = isMap ? { start: p, keys, value: object } : { start: p, items, value: array };
    return [node, q + 1];
  }

  flowValue(p: number, end: number, depth: number): [FastNode & { value: unknown }, number] {
    const c = this.text[p];
    if (c === "{" || c === "[") return this.flow(p, end, depth + 1);
    return this.flowScalar(p, end, false);
  }

  flowScalar(p: number, end: number, isKey: boolean): [FastNode & { value: unknown }, number] {
    const text = this.text;
    const c = text[p]!;
    if (c === '"' || c === "'") {
      const [value, close] = c === '"' ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
      return [{ start: p, type: c === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE", range: [p, close], value }, close];
    }
    if (forbiddenStart.has(c) || flowIndicators.has(c) || c === "#" || ((c === "-" || c === ":") && (text[p + 1] === " " || p + 1 === end))) this.fail();
    let q = p;
    for (; q < end; q++) {
      const here = text[q];
      if (here === "," || here === "}" || here === "]" || here === "{" || here === "[") break;
      if (here === "#" && text[q - 1] === " ") this.fail();
      if (here === ":") {
        const next = text[q + 1];
        if (next === " " || next === "," || next === "}" || next === "]" || q + 1 === end) break;
        if (isKey) this.fail();
      }
    }
    const raw = text.slice(p, q).replace(/ +$/, "");
    if (raw === "") this.fail();
    return [{ start: p, type: "PLAIN", range: [p, p + raw.length], value: isKey ? raw : resolvePlain(raw) }, q];
  }

  doubleQuoted(p: number, end: number): [string, number] {
    return readDoubleQuoted(this.text, p, end) ?? this.fail();
  }

  singleQuoted(p: number, end: number): [string, number] {
    return readSingleQuoted(this.text, p, end) ?? this.fail();
  }
}

export interface FastYaml {
  value: unknown;
  root: FastNode;
  lineCounter: LineCounter;
}

/** The parsed subset, or undefined when the text needs the full YAML parser. */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (text.includes("\r") || text.includes("\t") || /^(---|\.\.\.|%)/m.test(text)) return undefined;
  const reader = new Reader(text);
  if (reader.lines.length === 0) return undefined;
  try {
    const first = reader.lines[0]!;
    if (reader.keyColon(first.start + first.indent, first.end) < 0 && !reader.isSeqItem(first)) return undefined;
    const root = reader.block(1);
    if (reader.i !== reader.lines.length) return undefined;
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let offset = text.indexOf("\n"); offset >= 0; offset = text.indexOf("\n", offset + 1)) lineCounter.addNewLine(offset + 1);
    return { value: root.value, root, lineCounter };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
