// A field whose value is a list on both sides (a list's items, a rate limit's characteristics)
// reads better as what goes and what comes than as two long lists. Renderers use this.
import { stableJson } from "./diff.ts";

export interface ArrayChanges {
  removed: unknown[];
  added: unknown[];
}

/** The elements only before and only after, when both sides are lists that share some; else undefined. */
export function arrayChanges(before: unknown, after: unknown): ArrayChanges | undefined {
  if (!Array.isArray(before) || !Array.isArray(after)) return undefined;
  const keysBefore = new Set(before.map(stableJson));
  const keysAfter = new Set(after.map(stableJson));
  const removed = before.filter((item) => !keysAfter.has(stableJson(item)));
  const added = after.filter((item) => !keysBefore.has(stableJson(item)));
  const shared = before.length - removed.length;
  return shared > 0 && removed.length + added.length > 0 ? { removed, added } : undefined;
}
