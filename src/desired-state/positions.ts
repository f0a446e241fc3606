// Finding the source position of a YAML path, for both parsers (yaml's Document and the fast reader).
import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import type { FastNode, ScalarType } from "./fast-yaml.ts";

export type YamlPath = readonly (string | number)[];

export interface ScalarLike {
  type?: ScalarType | string | undefined;
  range?: readonly [number, number, ...number[]] | [number, number] | null | undefined;
  value: unknown;
}

export interface Found {
  /** Offset of the node at the path, or of its deepest existing ancestor. */
  start: number;
  /** Offset of the key of the last step, when the path ends in a mapping key. */
  keyStart?: number;
  /** The node itself when it is a string scalar (for positions inside the string). */
  scalar?: ScalarLike;
  complete: boolean;
}

export type FindPath = (path: YamlPath) => Found;

export function findInDocument(doc: Document): FindPath {
  return (path) => {
    let node = doc.contents as Node | null;
    let key: Node | undefined;
    const found = (complete: boolean): Found => {
      const result: Found = { start: node?.range?.[0] ?? 0, complete };
      if (complete && key) result.keyStart = key.range?.[0] ?? result.start;
      if (complete && isScalar(node) && typeof node.value === "string") result.scalar = node;
      return result;
    };
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
        if (!pair) return found(false);
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? key;
      } else if (isSeq(node)) {
        const item = node.items[Number(step)] as Node | undefined;
        if (!item) return found(false);
        node = item;
        key = undefined;
      } else return found(false);
    }
    return found(true);
  };
}

export function findInFast(root: FastNode): FindPath {
  return (path) => {
    let node = root;
    let keyStart: number | undefined;
    for (const step of path) {
      const next = node.keys ? node.keys.get(String(step)) : undefined;
      if (next) {
        keyStart = next.keyStart;
        node = next.node;
        continue;
      }
      const item = node.items?.[Number(step)];
      if (typeof step !== "number" || !item) return { start: node.start, complete: false };
      node = item;
      keyStart = undefined;
    }
    const result: Found = { start: node.start, complete: true };
    if (keyStart !== undefined) result.keyStart = keyStart;
    if (node.type && typeof node.value === "string") result.scalar = { type: node.type, range: node.range, value: node.value };
    return result;
  };
}
