// YAML text -> document + plain value, refusing hostile input with diagnostics instead of
// expanding it: unknown tags (!!js/function), duplicate keys, alias bombs, deep nesting.
import { isAlias, isCollection, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Diagnostic } from "./types.ts";
import { parseFastYaml } from "./fast-yaml.ts";
import { limits } from "./limits.ts";
import { findInDocument, findInFast, type FindPath } from "./positions.ts";

export interface ParsedYaml {
  file: string;
  text: string;
  value: unknown;
  lineCounter: LineCounter;
  /** Source position of a path in the document. */
  find: FindPath;
}

const allowedTags = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`));

const codeByYamlError: Record<string, string> = {
  DUPLICATE_KEY: "yaml-duplicate-key",
  RESOURCE_EXHAUSTION: "yaml-too-deep",
  MULTIPLE_DOCS: "yaml-multiple-documents",
  TAG_RESOLVE_FAILED: "yaml-unsupported-tag",
  ALIAS_PROPS: "yaml-syntax",
  BAD_ALIAS: "yaml-syntax",
};

/**
 * yaml's parser reads process.env.LOG_TOKENS once per token, and process.env is slow (a
 * getenv per read): parsing a 10,000-record file took twice as long. Parsing is synchronous,
 * so swapping in a plain copy for its duration is invisible to everything else.
 */
function parseDocumentQuickly(text: string, lineCounter: LineCounter): Document {
  const env = process.env;
  process.env = { ...env };
  try {
    return parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: "core", merge: false, version: "1.2" });
  } finally {
    process.env = env;
  }
}

export function parseYaml(text: string, file: string): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const fast = parseFastYaml(text);
  if (fast) return { parsed: { file, text, value: fast.value, lineCounter: fast.lineCounter, find: findInFast(fast.root) }, diagnostics: [] };
  return parseFull(text, file);
}

/** The full YAML parser, for files outside the fast subset and for every malformed or hostile file. */
function parseFull(text: string, file: string): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, offset));
    return { file, line, column: col };
  };
  const deep = flowDepthExceeded(text);
  if (deep >= 0) {
    const before = text.slice(0, deep);
    const line = before.split("\n").length;
    const column = deep - before.lastIndexOf("\n");
    return { diagnostics: [{ file, line, column, severity: "error", code: "yaml-too-deep", message: `the YAML is nested more than ${limits.maxDepth} levels deep`, hint: "desired-state files need only a few levels of nesting" }] };
  }
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocumentQuickly(text, lineCounter);
  for (const problem of [...doc.errors, ...doc.warnings].slice(0, limits.maxSyntaxErrors)) {
    const code = codeByYamlError[problem.code] ?? "yaml-syntax";
    if (code === "yaml-too-deep" && diagnostics.some((d) => d.code === code)) continue;
    diagnostics.push({ ...at(problem.pos[0]), severity: "error", code, message: yamlMessage(code, problem.message), ...yamlHint(code) });
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { diagnostics: [{ file, line: 1, column: 1, severity: "error", code: "yaml-empty-file", message: "the file is empty", hint: "delete it, or write `zone:` (zone file) or `service:` (service file)" }] };
  }
  diagnostics.push(...inspectNodes(doc.contents, at));
  if (diagnostics.length > 0) return { diagnostics };
  try {
    const value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    return { parsed: { file, text, value, lineCounter, find: findInDocument(doc) }, diagnostics };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const firstAlias = findFirstAlias(doc.contents);
    const offset = firstAlias?.range?.[0] ?? 0;
    if (/excessive alias count/i.test(text)) {
      return { diagnostics: [{ ...at(offset), severity: "error", code: "yaml-alias-bomb", message: "aliases expand to too much data (an alias bomb); the file was not expanded", hint: "write the values out instead of nesting aliases" }] };
    }
    const unresolved = /unresolved alias/i.test(text);
    return { diagnostics: [{ ...at(offset), severity: "error", code: "yaml-syntax", message: unresolved ? "an alias (*name) refers to an anchor (&name) that is not defined before it" : `cannot read the YAML: ${text}`, hint: "define the anchor before the alias, or write the value out" }] };
  }
}

function yamlMessage(code: string, message: string): string {
  const plain = message.replace(/ at line \d+, column \d+[\s\S]*$/, "");
  if (code === "yaml-duplicate-key") return "duplicate key: a key may appear only once in a mapping";
  if (code === "yaml-too-deep") return "the YAML is nested too deeply to read";
  if (code === "yaml-unsupported-tag") return `the tag ${plain.replace(/^Unresolved tag: /, "").replace("tag:yaml.org,2002:", "!!")} is not allowed; only plain YAML data is read`;
  if (code === "yaml-multiple-documents") return "the file contains more than one YAML document";
  return plain;
}

function yamlHint(code: string): { hint?: string } {
  if (code === "yaml-duplicate-key") return { hint: "remove or merge the repeated key" };
  if (code === "yaml-multiple-documents") return { hint: "put one document per file (remove the `---` separator)" };
  if (code === "yaml-unsupported-tag") return { hint: "remove the tag" };
  return {};
}

/**
 * Offset where [ and { nest deeper than the limit, or -1. Checked before parsing because yaml's
 * recursive composer needs seconds to fail on 100,000 nested brackets. Quoted text and comments
 * are skipped; brackets inside plain scalars may over-count, which only matters past the limit.
 */
function flowDepthExceeded(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > limits.maxDepth) return i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 34 || c === 39) {
      const close = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      const end = text.indexOf("\n", i);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

/** Iterative walk (no recursion, so no stack overflow): explicit tags, depth, complex keys. */
function inspectNodes(root: Node, at: (offset: number) => Omit<Diagnostic, "severity" | "code" | "message">): Diagnostic[] {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      if (isCollection(node.key)) return [{ ...at((node.key as Node).range?.[0] ?? 0), severity: "error", code: "yaml-complex-key", message: "mapping keys must be plain strings" }];
      if (node.key) stack.push([node.key, depth]);
      if (node.value) stack.push([node.value, depth]);
      continue;
    }
    const tag = (node as { tag?: string }).tag;
    const offset = (node as Node).range?.[0] ?? 0;
    if (tag && !allowedTags.has(tag)) {
      return [{ ...at(offset), severity: "error", code: "yaml-unsupported-tag", message: `the tag ${tag.replace("tag:yaml.org,2002:", "!!")} is not allowed; only plain YAML data is read`, hint: "remove the tag" }];
    }
    if (isCollection(node)) {
      if (depth > limits.maxDepth) {
        return [{ ...at(offset), severity: "error", code: "yaml-too-deep", message: `the YAML is nested more than ${limits.maxDepth} levels deep`, hint: "desired-state files need only a few levels of nesting" }];
      }
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return [];
}

function findFirstAlias(root: Node): Node | undefined {
  const stack: unknown[] = [root];
  let first: Node | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && (!first || (node.range?.[0] ?? 0) < (first.range?.[0] ?? 0))) first = node;
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isCollection(node)) stack.push(...node.items);
  }
  return first;
}
