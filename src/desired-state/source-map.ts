// Where each loaded object was written. Specs are registered with their YAML path; while a file's
// document is attached, any field (and any character inside a string field) can be located.
import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import type { ParsedYaml } from "./parse-yaml.ts";
import { scalarOffset } from "./scalar-offset.ts";
import type { SourceLocation } from "./types.ts";

export type YamlPath = readonly (string | number)[];

interface Origin {
  file: string;
  path: YamlPath;
  fallback: SourceLocation;
}

/** The node at `path`, or the deepest existing ancestor; `key` is the key node of the last step. */
export function resolvePath(parsed: ParsedYaml, path: YamlPath): { node: Node | null; key?: Node; complete: boolean } {
  let node = parsed.doc.contents as Node | null;
  let key: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) return { node, complete: false };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node)) {
      const item = node.items[Number(step)] as Node | undefined;
      if (!item) return { node, complete: false };
      node = item;
      key = undefined;
    } else return { node, complete: false };
  }
  return key ? { node, key, complete: true } : { node, complete: true };
}

export function offsetLocation(parsed: ParsedYaml, offset: number): SourceLocation {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}

/** Location of `path`: its value, or its key with `atKey`, or a character inside a string value. */
export function pathLocation(parsed: ParsedYaml, path: YamlPath, options: { atKey?: boolean; charIndex?: number } = {}): SourceLocation {
  const { node, key, complete } = resolvePath(parsed, path);
  if (complete && options.atKey && key) return offsetLocation(parsed, key.range?.[0] ?? 0);
  if (complete && options.charIndex !== undefined && isScalar(node) && typeof node.value === "string") {
    return offsetLocation(parsed, scalarOffset(parsed.text, node as Scalar, options.charIndex));
  }
  return offsetLocation(parsed, node?.range?.[0] ?? 0);
}

export class SourceMap {
  readonly #origins = new WeakMap<object, Origin>();
  readonly #files = new Map<string, ParsedYaml>();

  attach(parsed: ParsedYaml): void {
    this.#files.set(parsed.file, parsed);
  }

  /** Drops a file's document (memory); later lookups fall back to the registered positions. */
  detach(file: string): void {
    this.#files.delete(file);
  }

  register(target: object, file: string, path: YamlPath, fallback: SourceLocation): void {
    this.#origins.set(target, { file, path, fallback });
  }

  readonly locate = (target: object, field?: string | (string | number)[], charIndex?: number): SourceLocation => {
    const origin = this.#origins.get(target);
    if (!origin) return (target as { source?: SourceLocation }).source ?? { file: "", line: 1, column: 1 };
    const parsed = this.#files.get(origin.file);
    if (!parsed) return origin.fallback;
    const tail = field === undefined ? [] : Array.isArray(field) ? field : [field];
    return pathLocation(parsed, [...origin.path, ...tail], charIndex === undefined ? {} : { charIndex });
  };
}
