// The one placeholder of profiles: `{zone}` in a string value is the name of the zone the profile is
// applied to. Any other `{name}` is an error at its column: profiles are data, not templates.
// Rules-language sets (`{"GET" "POST"}`, `{192.0.2.0/24}`) are not names, so they are left alone.
import type { YamlPath } from "../positions.ts";

const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const zonePlaceholder = "{zone}";

export interface Placeholder {
  path: YamlPath;
  /** Offset of `{` in the string value. */
  index: number;
  name: string;
}

/** Every `{name}` in the string values of `value` (not in keys), with where it is. */
export function findPlaceholders(value: unknown): Placeholder[] {
  const found: Placeholder[] = [];
  const stack: [unknown, YamlPath][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === "string") {
      if (!node.includes("{")) continue;
      for (const match of node.matchAll(placeholder)) found.push({ path, index: match.index, name: match[1]! });
    } else if (Array.isArray(node)) node.forEach((item, index) => stack.push([item, [...path, index]]));
    else if (typeof node === "object" && node !== null) for (const [key, item] of Object.entries(node)) stack.push([item, [...path, key]]);
  }
  return found.reverse();
}

/** A copy of `value` with `{zone}` replaced in every string (a copy always, so zones never share objects). */
export function withZone<T>(value: T, zone: string): T {
  if (typeof value === "string") return (value.includes(zonePlaceholder) ? value.replaceAll(zonePlaceholder, zone) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withZone(item, zone)) as T;
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withZone(item, zone)])) as T;
  return value;
}
