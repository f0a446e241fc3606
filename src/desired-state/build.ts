// Plain YAML values (already checked by phase 1) -> the typed model, registering where each
// object was written. Each kind builds its own part (its zone-file keys, or its own files); items
// that failed phase 1 are left out so phase 2 only sees sound objects.
import type { BuildContext, FilePlacement, ZonePlacement } from "../kinds/kind.ts";
import { isRecord } from "../kinds/kind.ts";
import { canonicalHost } from "../kinds/shared/names.ts";
import type { ParsedYaml } from "./parse-yaml.ts";
import { pathLocation, type SourceMap } from "./source-map.ts";
import type { ZoneSpec } from "./types.ts";

export function buildContext(parsed: ParsedYaml, failed: ReadonlySet<string>, map: SourceMap): BuildContext {
  return {
    file: parsed.file,
    failed: (path) => (path === undefined ? failed.size > 0 : failed.has(path)),
    at: (path, options = {}) => pathLocation(parsed, path, options),
    register(target, path, source, keepFields = []) {
      map.register(target, parsed.file, path, source);
      for (const field of keepFields) map.registerField(target, field, pathLocation(parsed, [...path, field]));
    },
  };
}

/** Builds the zone, or undefined when the file has no usable `zone:`. */
/** `raw` is the file's mapping, or the mapping with its profiles merged in (ctx then locates each value in its own file). */
export function buildZone(parsed: ParsedYaml, ctx: BuildContext, placements: readonly ZonePlacement[], raw: unknown = parsed.value): ZoneSpec | undefined {
  if (!isRecord(raw) || typeof raw.zone !== "string" || ctx.failed("zone")) return undefined;
  // the kinds' keys are set by their placements just below
  const zone = { zone: canonicalHost(raw.zone), file: parsed.file, source: ctx.at(["zone"]) } as ZoneSpec;
  ctx.register(zone, [], zone.source);
  for (const placement of placements) placement.build(raw, zone, ctx);
  return zone;
}

/** Builds one file of a kind that has files of its own, or undefined when phase 1 found it unusable. */
export function buildOwnFile<Spec>(parsed: ParsedYaml, ctx: BuildContext, placement: FilePlacement<Spec>): Spec | undefined {
  return isRecord(parsed.value) ? placement.build(parsed.value, ctx) : undefined;
}
