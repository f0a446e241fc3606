// A zone that is nothing but `use:` — what the named profiles give one zone, built by the loader's
// own code from the profile files of a desired-state directory. `import --zone X --use a,b` leaves
// that out of the zone file it writes.
import { relative, resolve } from "node:path";
import { diagnostic, type FilePlacement, type Report, type ZonePlacement } from "../../kinds/kind.ts";
import { kinds } from "../../kinds/registry.ts";
import { buildZone } from "../build.ts";
import { listYamlFiles, toPosix } from "../list-files.ts";
import { parseYaml } from "../parse-yaml.ts";
import { readYamlFile } from "../read-file.ts";
import { checkSchema } from "../schema-check.ts";
import { SourceMap } from "../source-map.ts";
import type { DesiredState, Diagnostic } from "../types.ts";
import { ProfileSet } from "./profile-set.ts";

export interface ZoneFromProfiles {
  /** The state with the one zone (and no own files). */
  state: DesiredState;
  diagnostics: Diagnostic[];
}

export async function zoneFromProfiles(dir: string, options: { root: string; zone: string; use: readonly string[] }): Promise<ZoneFromProfiles> {
  const absDir = resolve(options.root, dir);
  const dirName = toPosix(relative(options.root, absDir)) || ".";
  const diagnostics: Diagnostic[] = [];
  const report: Report = (finding, at) => diagnostics.push(diagnostic(finding, at));
  const state = { dir: dirName, zones: [] } as unknown as DesiredState;
  for (const kind of kinds) if (kind.placement.scope === "file") (kind.placement as FilePlacement).init(state);
  const map = new SourceMap();
  const profiles = new ProfileSet(diagnostics, report);
  for (const name of (await listYamlFiles(absDir)) ?? []) {
    if (!/(^|\/)profiles\//.test(name)) continue;
    const read = await readYamlFile(resolve(absDir, name), dirName === "." ? name : `${dirName}/${name}`, options.root);
    diagnostics.push(...read.diagnostics);
    if (read.parsed) profiles.load(read.parsed, map, diagnostics);
  }
  const file = `${dirName === "." ? "" : `${dirName}/`}zones/${options.zone}.yaml`;
  const { parsed } = parseYaml(`zone: ${options.zone}\nuse: [${options.use.join(", ")}]\n`, file);
  if (!parsed) return { state, diagnostics };
  const checked = checkSchema("zone", parsed);
  diagnostics.push(...checked.diagnostics);
  const applied = profiles.apply(parsed, checked.failedItems, map);
  const placements = kinds.flatMap((kind) => (kind.placement.scope === "zone" ? [kind.placement as ZonePlacement] : []));
  const zone = applied ? buildZone(parsed, applied.ctx, placements, applied.raw) : undefined;
  if (zone && applied) state.zones.push({ ...zone, use: applied.use });
  return { state, diagnostics };
}
