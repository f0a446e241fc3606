// `import --zone X --use a,b`: what the profiles already give the zone is left out of its file.
// A live object is left out when a profile gives the zone the same object (same key and variant,
// same normalised value); the zone file keeps the rest, so the plan after the import is empty. What the
// profiles give that differs from the live zone is named, for the person to check in the plan.
import { relative } from "node:path";
import { formatDiagnostics } from "../desired-state/format.ts";
import { zoneFromProfiles } from "../desired-state/profiles/zone-with-profiles.ts";
import { stableJson } from "../plan/diff.ts";
import { expandDesired } from "../plan/expand.ts";
import type { Resource } from "../plan/resources.ts";
import { ConfigError } from "../shared/errors.ts";

export interface ProfileSplit {
  /** Live objects the zone file must still declare. */
  own: Resource[];
  /** Live objects the profiles give, as they are. */
  provided: Resource[];
  /** What the profiles give that is not live as given (a list item the next apply creates; a setting the zone's own value overrides). */
  differing: Resource[];
}

/** The same object: kind, key, variant (records sharing a name and type) and normalised value, as the diff matches them. */
const identity = (resource: Resource) => [resource.kind, resource.key, resource.variant ?? "", stableJson(resource.value)].join("\u0000");

export async function splitByProfiles(live: readonly Resource[], options: { root: string; outDir: string; zone: string; use: readonly string[] }): Promise<ProfileSplit> {
  const loaded = await zoneFromProfiles(relative(options.root, options.outDir) || ".", { root: options.root, zone: options.zone, use: options.use });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error" && d.code !== "profile-unused");
  if (errors.length > 0 || loaded.state.zones.length === 0) {
    throw new ConfigError(`the profiles in --use cannot be applied to ${options.zone}:\n${formatDiagnostics(errors, "text", { root: options.root }).trimEnd()}`, { hint: "fix the profiles (cf-gitops validate), or name existing ones in --use" });
  }
  const given = expandDesired(loaded.state, { zoneNames: [options.zone] }).resources.filter((resource) => resource.zone === options.zone);
  const wanted = new Set(given.map(identity));
  const own = live.filter((resource) => !wanted.has(identity(resource)));
  const provided = live.filter((resource) => wanted.has(identity(resource)));
  const seen = new Set(provided.map(identity));
  return { own, provided, differing: given.filter((resource) => !seen.has(identity(resource))) };
}
