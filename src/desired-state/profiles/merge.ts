// A zone file with `use:` -> one mapping as if the zone file held everything, and where each value of
// it is written (the zone file or a profile, and the path there), so kinds build it unchanged and
// every spec keeps its own file and line. Each key merges as its kind declares (KeyMerge): lists
// concatenate, profiles first in `use:` order; maps merge and the zone's value wins. Conflicts are
// reported at every position involved, and the later item is left out.
import { isRecord, type KeyMerge, type Report } from "../../kinds/kind.ts";
import type { ParsedYaml } from "../parse-yaml.ts";
import type { YamlPath } from "../positions.ts";
import { pathLocation } from "../source-map.ts";
import type { SourceLocation } from "../types.ts";
import { withZone } from "./placeholders.ts";

/** A file values come from: the zone file, or a profile (with its name). */
export interface Origin {
  parsed: ParsedYaml;
  /** Top-level paths ("dns/3") whose object failed the file's schema. */
  failed: ReadonlySet<string>;
  raw: Record<string, unknown>;
  profile?: string;
}

export interface MergedZone {
  raw: Record<string, unknown>;
  /** Where a path of the merged mapping is written: its file and the path in it. */
  origin(path: YamlPath): { origin: Origin; path: YamlPath };
  /** Whether any file merged here failed its schema somewhere (else nothing needs looking up). */
  anyFailed: boolean;
}

interface ItemOrigin {
  origin: Origin;
  index: number;
}

/** Where each item of a merged list came from, as two parallel arrays (a zone's list may be long). */
interface ListOrigins {
  owner: Origin;
  files: Origin[];
  indexes: number[];
}

type KeyOrigins = ListOrigins | { owner: Origin; entries: Map<string, Origin> };

const profileOnlyKeys = new Set(["profile", "description"]);

export function mergeProfiles(zoneName: string, zone: Origin, profiles: readonly Origin[], merges: ReadonlyMap<string, KeyMerge>, report: Report): MergedZone {
  const raw: Record<string, unknown> = { ...zone.raw };
  const origins = new Map<string, KeyOrigins>();
  const keys = new Set(profiles.flatMap((profile) => Object.keys(profile.raw).filter((key) => !profileOnlyKeys.has(key))));
  for (const key of keys) {
    const rule = merges.get(key);
    if (!rule) continue; // not a zone-file key: the profile's schema reported it
    const sources = [...profiles, zone].filter((origin) => key in origin.raw && !origin.failed.has(key));
    const values = sources.map((origin) => ({ origin, value: origin === zone ? origin.raw[key] : withZone(origin.raw[key], zoneName) }));
    const owner = sources.includes(zone) ? zone : (sources[0] ?? zone);
    if (rule.rule === "concat") {
      const { items, files, indexes } = concat(key, rule.identity, values, report);
      raw[key] = items;
      origins.set(key, { owner, files, indexes });
    } else {
      const { entries, where } = mergeMaps(key, values, zone, report);
      raw[key] = entries;
      origins.set(key, { owner, entries: where });
    }
  }
  return {
    raw,
    anyFailed: [zone, ...profiles].some((origin) => origin.failed.size > 0),
    origin(path) {
      const key = origins.get(String(path[0]));
      if (path.length === 0 || !key) return { origin: zone, path };
      if (path.length === 1) return { origin: key.owner, path };
      if ("files" in key) {
        const at = Number(path[1]);
        const file = key.files[at];
        return file ? { origin: file, path: [path[0]!, key.indexes[at]!, ...path.slice(2)] } : { origin: key.owner, path: path.slice(0, 1) };
      }
      return { origin: key.entries.get(String(path[1])) ?? key.owner, path };
    },
  };
}

/**
 * The items in order, with where each came from. Identities are compared across files only: the
 * profiles' few items are all keyed, and a zone item (the last file, often thousands) is keyed only
 * when its first identity field matches one of theirs.
 */
function concat(key: string, identity: readonly string[], values: { origin: Origin; value: unknown }[], report: Report): { items: unknown[]; files: Origin[]; indexes: number[] } {
  const items: unknown[] = [];
  const files: Origin[] = [];
  const indexes: number[] = [];
  const seen = new Map<string, ItemOrigin>();
  const firsts = new Set<unknown>();
  values.forEach(({ origin, value }, file) => {
    if (!Array.isArray(value)) return;
    const last = file === values.length - 1;
    value.forEach((item: unknown, index) => {
      const maybe = identity.length > 0 && isRecord(item) && (!last || firsts.has(item[identity[0]!]));
      const id = maybe ? identityKey(identity, item) : undefined;
      const first = id === undefined ? undefined : seen.get(id);
      if (first && first.origin !== origin) {
        // duplicates inside one file are the kind's own rule's to report
        const places = [first, { origin, index }].map((o): Place => ({ origin: o.origin, at: pathLocation(o.origin.parsed, [key, o.index]) }));
        conflict(report, `\`${key}:\` ${describe(identity, item)} comes from both`, places, "keep it in one place: the zone file or one of its profiles");
        return;
      }
      if (id !== undefined && !first && !last) {
        seen.set(id, { origin, index });
        firsts.add((item as Record<string, unknown>)[identity[0]!]);
      }
      items.push(item);
      files.push(origin);
      indexes.push(index);
    });
  });
  return { items, files, indexes };
}

function mergeMaps(key: string, values: { origin: Origin; value: unknown }[], zone: Origin, report: Report): { entries: Record<string, unknown>; where: Map<string, Origin> } {
  const entries: Record<string, unknown> = {};
  const where = new Map<string, Origin>();
  const own = values.find((entry) => entry.origin === zone)?.value;
  for (const { origin, value } of values) {
    if (!isRecord(value) || origin === zone) continue;
    for (const [name, entry] of Object.entries(value)) {
      if (isRecord(own) && name in own) continue; // the zone's value wins
      const first = where.get(name);
      if (!first) {
        where.set(name, origin);
        entries[name] = entry;
      } else if (JSON.stringify(entries[name]) !== JSON.stringify(entry)) {
        const at = (o: Origin, v: unknown): Place => ({ origin: o, at: pathLocation(o.parsed, [key, name], { atKey: true }), value: v });
        conflict(report, `\`${key}.${name}\` differs between profiles, and the zone file does not set it to settle it:`, [at(first, entries[name]), at(origin, entry)], `set ${key}.${name} in the zone file (the zone's value wins), or make the profiles agree`);
      }
    }
  }
  if (isRecord(own)) for (const [name, entry] of Object.entries(own)) {
    where.set(name, zone);
    entries[name] = entry;
  }
  return { entries, where };
}

interface Place {
  origin: Origin;
  at: SourceLocation;
  /** The value there, when the places disagree on it. */
  value?: unknown;
}

/** One diagnostic at each position, each naming all of them. */
function conflict(report: Report, what: string, places: Place[], hint: string): void {
  const named = places.map(({ origin, at, value }) => `${value === undefined ? "" : `${JSON.stringify(value)} in `}${origin.profile ? `profile ${origin.profile}` : "the zone file"} (${at.file}:${at.line})`);
  const message = `${what} ${named.join(" and ")}`;
  for (const { at } of places) report({ code: "profile-conflict", message, hint }, at);
}

function identityKey(identity: readonly string[], item: unknown): string | undefined {
  if (identity.length === 0 || !isRecord(item)) return undefined;
  return JSON.stringify(identity.map((field) => item[field] ?? null));
}

function describe(identity: readonly string[], item: unknown): string {
  if (!isRecord(item)) return "an item";
  const fields = identity.filter((field) => item[field] !== undefined).map((field) => `${field} ${JSON.stringify(item[field])}`);
  return fields.length > 0 ? `the item with ${fields.join(", ")}` : "an item";
}
