// `profile extract`: what several zone files have in common becomes a profile, and the zone files
// lose it and gain `use:`. Items are compared with each zone's name written as {zone}, so
// `rua=mailto:dmarc@example.org` in example.org and `...@example.net` in example.net are the same
// item. Rules evaluated in order move only as their common first rules (the profile's come first),
// so every zone's merged order, and its plan, stay the same. Zone files are edited in place (their
// comments and layout stay); the profile takes the comments of the first zone's moved items.
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";
import { isRecord, keyMergeOf, type KeyMerge, type ZonePlacement } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";
import { stableJson } from "../plan/diff.ts";
import { ConfigError } from "../shared/errors.ts";
import { applyComments, collectComments } from "./import-comments.ts";

export interface ZoneText {
  zone: string;
  /** For messages: the file's path as the user sees it. */
  file: string;
  text: string;
}

export interface Extracted {
  profile: string;
  zones: { zone: string; text: string }[];
  /** For the report: "3 dns item(s), 2 settings". */
  moved: string[];
}

interface KeyRule {
  merge: KeyMerge;
  ordered: boolean;
}

function keyRules(): Map<string, KeyRule> {
  return new Map(kinds.flatMap((kind) => (kind.placement.scope === "zone" ? Object.entries((kind.placement as ZonePlacement).keys).flatMap(([key, spec]) => {
    const merge = keyMergeOf(spec);
    return merge ? [[key, { merge, ordered: kind.ordered === true }] as const] : [];
  }) : [])));
}

/** The value with the zone's name written as {zone} (the profile's one placeholder). */
export function generalise(value: unknown, zone: string): unknown {
  if (typeof value === "string") return value.split(zone).join("{zone}");
  if (Array.isArray(value)) return value.map((item) => generalise(item, zone));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, generalise(item, zone)]));
  return value;
}

/** Which items of each zone's list move: the common first items (ordered), else those in every zone. */
function commonItems(lists: unknown[][], zones: string[], ordered: boolean): { moved: unknown[]; indexes: number[][] } {
  const keys = lists.map((list, z) => list.map((item) => stableJson(generalise(item, zones[z]!))));
  if (ordered) {
    let length = 0;
    while (keys.every((list) => length < list.length && list[length] === keys[0]![length])) length++;
    return { moved: lists[0]!.slice(0, length).map((item) => generalise(item, zones[0]!)), indexes: lists.map(() => Array.from({ length }, (_, i) => i)) };
  }
  const left = keys.map((list) => {
    const at = new Map<string, number[]>();
    list.forEach((key, index) => at.set(key, [...(at.get(key) ?? []), index]));
    return at;
  });
  const moved: unknown[] = [];
  const indexes: number[][] = lists.map(() => []);
  keys[0]!.forEach((key, index) => {
    if (!left.every((at) => (at.get(key)?.length ?? 0) > 0)) return;
    moved.push(generalise(lists[0]![index], zones[0]!));
    left.forEach((at, z) => indexes[z]!.push(at.get(key)!.shift()!));
  });
  return { moved, indexes };
}

export function extractProfile(name: string, inputs: ZoneText[], today = new Date()): Extracted {
  const docs = inputs.map((input) => {
    const doc = parseDocument(input.text, { uniqueKeys: true });
    if (doc.errors.length > 0 || !isMap(doc.contents)) throw new ConfigError(`${input.file} is not a readable zone file`, { file: input.file, hint: "run cf-gitops validate and fix it first" });
    return doc;
  });
  const values = docs.map((doc) => doc.toJS() as Record<string, unknown>);
  const zones = inputs.map((input) => input.zone);
  const profile: Record<string, unknown> = { profile: name, description: `What ${zones.join(" and ")} had in common (cf-gitops profile extract)` };
  const removals: { key: string; indexes: number[][] | string[] }[] = [];
  const moved: string[] = [];
  for (const [key, rule] of keyRules()) {
    const own = values.map((value) => value[key]);
    if (rule.merge.rule === "concat") {
      if (!own.every(Array.isArray)) continue;
      const common = commonItems(own as unknown[][], zones, rule.ordered);
      if (common.moved.length === 0) continue;
      profile[key] = common.moved;
      removals.push({ key, indexes: common.indexes });
      moved.push(`${common.moved.length} ${key} item(s)`);
    } else {
      if (!own.every(isRecord)) continue;
      const maps = own as Record<string, unknown>[];
      const names = Object.keys(maps[0]!).filter((entry) => maps.every((map, z) => entry in map && stableJson(generalise(map[entry], zones[z]!)) === stableJson(generalise(maps[0]![entry], zones[0]!))));
      if (names.length === 0) continue;
      profile[key] = Object.fromEntries(names.map((entry) => [entry, generalise(maps[0]![entry], zones[0]!)]));
      removals.push({ key, indexes: names });
      moved.push(`${names.length} ${key}`);
    }
  }
  if (removals.length === 0) throw new ConfigError(`${zones.join(" and ")} have nothing in common to move into a profile`, { hint: "a profile takes the records, rules and settings that are the same in every zone named" });
  return {
    profile: profileText(profile, inputs[0]!, today),
    zones: docs.map((doc, z) => ({ zone: zones[z]!, text: rewriteZone(doc, name, removals.map(({ key, indexes }) => ({ key, remove: typeof indexes[0] === "string" ? (indexes as string[]) : (indexes as number[][])[z]! }))) })),
    moved,
  };
}

function profileText(profile: Record<string, unknown>, first: ZoneText, today: Date): string {
  const header = [
    "# yaml-language-server: $schema=../../schemas/profile.schema.json",
    `# Extracted by \`cf-gitops profile extract\` on ${today.toISOString().slice(0, 10)}. In strings, {zone} is the name of the zone using it.`,
  ];
  const document = new Document(profile);
  const itemKey = (key: string, item: unknown) => stableJson(generalise(item, first.zone)) + key;
  applyComments(document, itemKey, collectComments(first.text, itemKey));
  return `${header.join("\n")}\n${document.toString({ lineWidth: 0, indent: 2 })}`;
}

/** The zone file without the moved items (a key left empty goes: the profile holds it), with the profile added to `use:`. */
function rewriteZone(doc: Document, name: string, removals: { key: string; remove: number[] | string[] }[]): string {
  const root = doc.contents as YAMLMap;
  for (const { key, remove } of removals) {
    const node = root.get(key, true);
    if (isSeq(node)) {
      for (const index of [...(remove as number[])].sort((a, b) => b - a)) node.items.splice(index, 1);
      if (node.items.length === 0) root.delete(key);
    } else if (isMap(node)) {
      for (const entry of remove as string[]) node.delete(entry);
      if (node.items.length === 0) root.delete(key);
    }
  }
  const use = root.get("use", true);
  if (isSeq(use)) {
    if (!use.items.some((item) => isScalar(item) && item.value === name)) use.add(doc.createNode(name));
  } else {
    const pair = doc.createPair("use", [name]) as Pair<unknown, { flow?: boolean }>;
    if (pair.value) pair.value.flow = true;
    const at = root.items.findIndex((item) => isPair(item) && isScalar(item.key) && item.key.value === "zone");
    root.items.splice(at + 1, 0, pair as Pair);
  }
  return doc.toString({ lineWidth: 0, indent: 2 });
}
