// The profiles of one load: each profile file read once (schema, no `use:`, only {zone}), kept
// attached so positions inside it stay exact; each zone file's `use:` resolved and merged in; at the
// end, a warning for each profile no zone uses. A load without profiles pays for none of it.
import { basename, extname } from "node:path";
import { isRecord, keyMergeOf, type KeyMerge, type Report, type ZonePlacement } from "../../kinds/kind.ts";
import { kinds } from "../../kinds/registry.ts";
import { canonicalHost } from "../../kinds/shared/names.ts";
import { didYouMean } from "../did-you-mean.ts";
import type { ParsedYaml } from "../parse-yaml.ts";
import { checkSchema } from "../schema-check.ts";
import { pathLocation, type SourceMap } from "../source-map.ts";
import type { BuildContext } from "../../kinds/kind.ts";
import type { DesiredState, Diagnostic, ProfileSpec } from "../types.ts";
import { ZoneAttribution } from "./attribution.ts";
import { mergedContext } from "./context.ts";
import { mergeProfiles, type Origin } from "./merge.ts";
import { findPlaceholders } from "./placeholders.ts";

interface LoadedProfile extends Origin {
  profile: string;
  spec: ProfileSpec;
}

/** A zone file with its profiles merged in. */
export interface AppliedProfiles {
  raw: Record<string, unknown>;
  ctx: BuildContext;
  /** For the zone's rules: a problem at a profile's position names the zone. */
  report: Report;
  use: string[];
}

let merges: Map<string, KeyMerge> | undefined;

/** Zone-file key -> how profiles merge it (from the registry, once). */
function zoneKeyMerges(): Map<string, KeyMerge> {
  merges ??= new Map(kinds.flatMap((kind) => (kind.placement.scope === "zone" ? Object.entries((kind.placement as ZonePlacement).keys).flatMap(([key, spec]) => {
    const merge = keyMergeOf(spec);
    return merge ? [[key, merge] as const] : [];
  }) : [])));
  return merges;
}

function stem(file: string): string {
  return basename(file, extname(file)).toLowerCase();
}

export class ProfileSet {
  readonly #profiles = new Map<string, LoadedProfile>();
  readonly #files = new Set<string>();
  /** Names of profile files the stack's desired_state.include leaves out. */
  readonly #excluded = new Set<string>();
  readonly #report: Report;
  readonly #attribution: ZoneAttribution;

  constructor(diagnostics: Diagnostic[], report: Report) {
    this.#report = report;
    this.#attribution = new ZoneAttribution(diagnostics, (file) => this.#files.has(file));
  }

  /** A YAML file the stack does not include: if it is a profile, a zone naming it is told why it is missing. */
  excluded(relativeFile: string): void {
    if (/(^|\/)profiles\//.test(relativeFile)) this.#excluded.add(stem(relativeFile));
  }

  load(parsed: ParsedYaml, map: SourceMap, diagnostics: Diagnostic[]): void {
    const raw = isRecord(parsed.value) ? parsed.value : {};
    let checked = parsed;
    if ("use" in raw) {
      this.#report({ code: "profile-uses-profile", message: "a profile cannot use other profiles: profiles are one level deep", hint: "list every profile the zone needs in the zone file's `use:`" }, pathLocation(parsed, ["use"], { atKey: true }));
      const { use: _use, ...rest } = raw;
      checked = { ...parsed, value: rest };
    }
    const schema = checkSchema("profile", checked);
    diagnostics.push(...schema.diagnostics);
    for (const found of findPlaceholders(Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "profile" && key !== "description" && key !== "use")))) {
      if (found.name === "zone") continue;
      this.#report(
        { code: "profile-placeholder-unknown", message: `unknown placeholder {${found.name}}: profiles replace only {zone}`, hint: "write {zone} for the name of the zone the profile is applied to; profiles have no other templating" },
        pathLocation(parsed, found.path, { charIndex: found.index }),
      );
    }
    const named = typeof raw.profile === "string" && !schema.failedItems.has("profile");
    const name = named ? (raw.profile as string) : stem(parsed.file);
    const source = pathLocation(parsed, named ? ["profile"] : []);
    if (named && stem(parsed.file) !== name) {
      this.#report({ code: "profile-file-name-mismatch", message: `the file is named ${basename(parsed.file)} but declares profile ${name}`, hint: `rename the file to ${name}.yaml or fix \`profile:\`` }, source);
    }
    const first = this.#profiles.get(name);
    if (first) {
      this.#report({ code: "profile-duplicate", message: `profile ${name} is already declared in ${first.parsed.file}`, hint: "keep each profile in one file" }, source);
      return;
    }
    const spec: ProfileSpec = { name, file: parsed.file, source, keys: Object.keys(raw).filter((key) => key !== "profile" && key !== "description" && key !== "use"), usedBy: [] };
    if (typeof raw.description === "string") spec.description = raw.description;
    map.attach(parsed); // stays attached: zones' rules point into it
    this.#files.add(parsed.file);
    this.#profiles.set(name, { parsed, raw: checked.value as Record<string, unknown>, failed: schema.failedItems, profile: name, spec });
  }

  /** The zone file's `use:` merged in; undefined when it has none (the zone is built as it is). */
  apply(parsed: ParsedYaml, failed: ReadonlySet<string>, map: SourceMap): AppliedProfiles | undefined {
    const raw = parsed.value;
    if (!isRecord(raw) || !Array.isArray(raw.use) || raw.use.length === 0 || typeof raw.zone !== "string" || failed.has("use")) return undefined;
    const zoneName = canonicalHost(raw.zone);
    const report = this.#attribution.reportFor(zoneName, this.#report);
    const used: LoadedProfile[] = [];
    raw.use.forEach((name: unknown, index) => {
      if (typeof name !== "string" || failed.has(`use/${index}`)) return;
      const profile = this.#profiles.get(name);
      if (profile) {
        used.push(profile);
        if (!profile.spec.usedBy.includes(zoneName)) profile.spec.usedBy.push(zoneName);
      } else report(this.#unknown(name), pathLocation(parsed, ["use", index]));
    });
    const zone: Origin = { parsed, failed, raw };
    const merged = mergeProfiles(zoneName, zone, used, zoneKeyMerges(), report);
    return { raw: merged.raw, ctx: mergedContext(merged, zone, map), report, use: used.map((profile) => profile.profile) };
  }

  #unknown(name: string): { code: string; message: string; hint: string } {
    if (this.#excluded.has(name)) {
      return { code: "profile-not-included", message: `profile "${name}" is not part of this stack`, hint: `the stack's desired_state.include does not cover profiles/${name}.yaml; add "profiles/*.yaml" to it` };
    }
    const known = [...this.#profiles.keys()];
    const guess = didYouMean(name, known);
    return {
      code: "profile-unknown",
      message: `unknown profile "${name}"`,
      hint: guess ? `did you mean "${guess}"?` : known.length > 0 ? `known profiles: ${known.join(", ")}` : `a profile is desired-state/profiles/${name}.yaml, with \`profile: ${name}\``,
    };
  }

  /** After every zone: each profile no zone uses is a warning; the state lists the profiles. */
  finish(state: DesiredState): void {
    if (this.#profiles.size === 0) return;
    state.profiles = [...this.#profiles.values()].map((profile) => profile.spec);
    for (const spec of state.profiles) {
      if (spec.usedBy.length > 0) continue;
      this.#report({ code: "profile-unused", severity: "warning", message: `profile ${spec.name} is not used by any zone`, hint: "name it in a zone file's `use:`, or delete the file" }, spec.source);
    }
  }
}
