// Ids of Access objects by name, as plans and programs keep them ("group:family" -> id): pure
// helpers both engines' adapters use (the native lookups are in native.ts).
import type { IdOf } from "./values.ts";

/** Something the API names by id. */
export interface NamedMap {
  id: string;
  name: string;
}

/** "group:family": how ids are kept by name (a type has no colon; a name may). */
export const nameKey = (type: string, text: string) => `${type}:${text}`;

/** A payload's known ids, as an IdOf. */
export function idsFrom(ids: Readonly<Record<string, string>>): IdOf {
  return (type, name) => ids[nameKey(type, name)];
}

/** A kind's resolved names ("type:name" -> id, as resolve returned them; Pulumi gets id -> "type:name") as an IdOf. */
export function resolvedIds(resolved: ReadonlyMap<string, string>, inverted = false): IdOf {
  const ids = new Map<string, string>(inverted ? [...resolved].map(([id, name]) => [name, id]) : resolved);
  return (type, name) => ids.get(nameKey(type, name));
}

/** The ids a payload needs: the live groups' (by name) and what the kind resolved (tokens, login methods, read_only groups). */
export function payloadIds(groups: readonly NamedMap[], resolved: ReadonlyMap<string, string>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const group of groups) ids[nameKey("group", group.name)] ??= group.id;
  for (const [name, id] of resolved) ids[name] = id;
  return ids;
}
