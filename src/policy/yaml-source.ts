// A parsed YAML file that can say where any of its nodes is (file, line, column).
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Diagnostic, SourceLocation } from "../desired-state/types.ts";

export type YamlPath = (string | number)[];

export interface YamlSource {
  file: string;
  doc: Document;
  /** Location of the value at path (falls back to the nearest existing parent). */
  at(path: YamlPath): SourceLocation;
  /** Location of the key of a map entry (for "unknown key" messages). */
  keyAt(path: YamlPath): SourceLocation;
}

export function parseYamlSource(text: string, file: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  const nodeAt = (path: YamlPath): unknown => (path.length === 0 ? doc.contents : doc.getIn(path, true));
  const at = (path: YamlPath): SourceLocation => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(path.slice(0, depth));
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return position(0);
  };
  const keyAt = (path: YamlPath): SourceLocation => {
    const parent = nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value === last : item.key === last));
      if (isNode(pair?.key) && pair.key.range) return position(pair.key.range[0]);
    }
    return at(path);
  };
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    ...position(error.pos[0]),
    severity: "error",
    code: "policy-config-syntax",
    message: `YAML syntax error: ${error.message.split("\n")[0]}`,
  }));
  return { source: { file, doc, at, keyAt }, diagnostics };
}
