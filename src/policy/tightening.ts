// What "stricter" means for one parameter, for the policy floor: the floor's value and the
// repository's combine into the stricter of the two, so the repository can tighten, never loosen.
import { stableJson } from "../plan/diff.ts";
import type { Tightening } from "./types.ts";

function ordered(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  // "1.2" < "1.3", "10" > "9"
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b, "en", { numeric: true });
  return undefined;
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The stricter of `floor` and `repo` (the repository's effective value; undefined when it has
 * none). Without a declared direction, or with values that do not compare, the floor's value wins.
 */
export function tighten(how: Tightening | undefined, floor: unknown, repo: unknown): unknown {
  if (repo === undefined) return floor;
  switch (how) {
    case "lower":
    case "higher": {
      const order = ordered(floor, repo);
      if (order === undefined) return floor;
      return (how === "lower" ? order <= 0 : order >= 0) ? floor : repo;
    }
    case "superset": {
      const seen = new Set(items(repo).map((item) => stableJson(item)));
      return [...items(repo), ...items(floor).filter((item) => !seen.has(stableJson(item)))];
    }
    case "subset": {
      const allowed = new Set(items(floor).map((item) => stableJson(item)));
      return items(repo).filter((item) => allowed.has(stableJson(item)));
    }
    default:
      return floor;
  }
}

/** Whether two parameter values are the same (lists in the same order, objects in any key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}
