// Re-importing over an existing zone file keeps its YAML comments: the comment before and after
// each item of a list key (matched by the kind's item identity: a DNS record's, a rule's ref) and
// each entry of a map key (a setting, by name).
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from "yaml";

interface Comments {
  before?: string | null | undefined;
  after?: string | null | undefined;
}

export type CommentIndex = Map<string, Comments>;

/** The identity of one item of a list key (from the kinds' import hooks). */
export type ItemKey = (key: string, item: unknown) => string | undefined;

type Node = { commentBefore?: string | null; comment?: string | null; toJSON(): unknown };

function topLevel(doc: Document): { key: string; value: unknown }[] {
  return isMap(doc.contents) ? doc.contents.items.flatMap((pair) => (isPair(pair) && isScalar(pair.key) ? [{ key: String(pair.key.value), value: pair.value }] : [])) : [];
}

/** Comments of the old file, keyed by what each commented object is. */
export function collectComments(text: string, itemKey: ItemKey): CommentIndex {
  const index: CommentIndex = new Map();
  for (const { key, value } of topLevel(parseDocument(text))) {
    if (isMap(value)) {
      for (const pair of value.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const entry = pair.value as { comment?: string | null } | null;
        index.set(`${key}/${String(pair.key.value)}`, { before: pair.key.commentBefore, after: entry?.comment });
      }
    } else if (isSeq(value)) {
      if (value.commentBefore) index.set(`${key}/`, { before: value.commentBefore });
      for (const item of value.items as Node[]) {
        const id = itemKey(key, item.toJSON());
        if (id && (item.commentBefore || item.comment)) index.set(`${key}/${id}`, { before: item.commentBefore, after: item.comment });
      }
    }
  }
  return index;
}

/** Puts the collected comments back on the matching nodes of the new document. */
export function applyComments(doc: Document, itemKey: ItemKey, index: CommentIndex): number {
  let kept = 0;
  for (const { key, value } of topLevel(doc)) {
    if (isMap(value)) {
      for (const pair of value.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const found = index.get(`${key}/${String(pair.key.value)}`);
        if (!found) continue;
        if (found.before) pair.key.commentBefore = found.before;
        if (found.after && isScalar(pair.value)) pair.value.comment = found.after;
        kept++;
      }
    } else if (isSeq(value)) {
      const head = index.get(`${key}/`);
      if (head?.before) value.commentBefore = head.before;
      for (const item of value.items as Node[]) {
        const found = index.get(`${key}/${itemKey(key, item.toJSON()) ?? ""}`);
        if (!found) continue;
        if (found.before) item.commentBefore = found.before;
        if (found.after) item.comment = found.after;
        kept++;
      }
    }
  }
  return kept;
}
