// Re-importing over an existing zone file keeps its YAML comments: the comment before and after
// each DNS record (matched by identity), firewall rule (by ref) and setting (by name).
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { contentKey, toFqdn, toRelative } from "../kinds/dns-record/identity.ts";
import type { DnsRecordType } from "../desired-state/types.ts";

interface Comments {
  before?: string | null | undefined;
  after?: string | null | undefined;
}

type Section = "settings" | "dns" | "firewall";
export type CommentIndex = Map<string, Comments>;

function itemKey(section: Section, zone: string, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const item = value as Record<string, unknown>;
  if (section === "firewall") return typeof item.ref === "string" ? `firewall/${item.ref}` : undefined;
  if (typeof item.name !== "string" || typeof item.type !== "string") return undefined;
  const type = item.type.toUpperCase() as DnsRecordType;
  const record = { type, content: typeof item.content === "string" ? item.content : undefined, data: item.data as Record<string, string | number> | undefined };
  return `dns/${toRelative(toFqdn(item.name, zone), zone)}/${type}/${contentKey(record)}`;
}

/** Comments of the old file, keyed by what each commented object is. */
export function collectComments(text: string, zone: string): CommentIndex {
  const index: CommentIndex = new Map();
  const doc = parseDocument(text);
  const settings = doc.get("settings", true);
  if (isMap(settings)) {
    for (const pair of settings.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const value = pair.value as { comment?: string | null } | null;
      index.set(`settings/${String(pair.key.value)}`, { before: pair.key.commentBefore, after: value?.comment });
    }
  }
  for (const section of ["dns", "firewall"] as const) {
    const seq = doc.get(section, true);
    if (!isSeq(seq)) continue;
    if (seq.commentBefore) index.set(`${section}/`, { before: seq.commentBefore });
    for (const item of seq.items) {
      const node = item as { commentBefore?: string | null; comment?: string | null; toJSON(): unknown };
      const key = itemKey(section, zone, node.toJSON());
      if (key && (node.commentBefore || node.comment)) index.set(key, { before: node.commentBefore, after: node.comment });
    }
  }
  return index;
}

/** Puts the collected comments back on the matching nodes of the new document. */
export function applyComments(doc: Document, zone: string, index: CommentIndex): number {
  let kept = 0;
  const settings = doc.get("settings", true);
  if (isMap(settings)) {
    for (const pair of settings.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const found = index.get(`settings/${String(pair.key.value)}`);
      if (!found) continue;
      if (found.before) pair.key.commentBefore = found.before;
      if (found.after && isScalar(pair.value)) pair.value.comment = found.after;
      kept++;
    }
  }
  for (const section of ["dns", "firewall"] as const) {
    const seq = doc.get(section, true);
    if (!isSeq(seq)) continue;
    const head = index.get(`${section}/`);
    if (head?.before) seq.commentBefore = head.before;
    for (const item of seq.items) {
      const node = item as { commentBefore?: string | null; comment?: string | null; toJSON(): unknown };
      const found = index.get(itemKey(section, zone, node.toJSON()) ?? "");
      if (!found) continue;
      if (found.before) node.commentBefore = found.before;
      if (found.after) node.comment = found.after;
      kept++;
    }
  }
  return kept;
}
