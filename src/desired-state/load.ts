// loadDesiredState: read every YAML file under the directory, validate in two phases (schema, then
// semantic rules) and return the model with every problem found, as diagnostics. Never throws on
// user input.
import { realpath } from "node:fs/promises";
import { relative, resolve } from "node:path";
import picomatch from "picomatch";
import { diagnostic, type FilePlacement, type Report, type StateRuleInput, type ZonePlacement, type ZoneRuleInput } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";
import { buildContext, buildOwnFile, buildZone } from "./build.ts";
import type { FileKind } from "./file-schemas.ts";
import { limits } from "./limits.ts";
import { listYamlFiles, toPosix } from "./list-files.ts";
import type { ParsedYaml } from "./parse-yaml.ts";
import { ProfileSet } from "./profiles/profile-set.ts";
import { readYamlFile } from "./read-file.ts";
import { isInside } from "./repository-file.ts";
import { fileStateRules, fileZoneRules } from "./rules/index.ts";
import { checkSchema } from "./schema-check.ts";
import { SourceMap } from "./source-map.ts";
import type { DesiredState, Diagnostic, LoadResult, StackConfig } from "./types.ts";

export interface LoadOptions {
  /** Repository root; diagnostics name files relative to it. Default: the current directory. */
  root?: string;
  /** When given: only its desired_state.include files are read, and service tunnels are checked against it. */
  stack?: StackConfig;
}

const zoneRules = [...fileZoneRules, ...kinds.flatMap((kind) => kind.zoneRules)];
const stateRules = [...fileStateRules, ...kinds.flatMap((kind) => kind.stateRules)];
const zonePlacements = kinds.flatMap((kind) => (kind.placement.scope === "zone" ? [kind.placement as ZonePlacement] : []));
const filePlacements = kinds.flatMap((kind) => (kind.placement.scope === "file" ? [kind.placement as FilePlacement] : []));

/** "zone", "profile", a kind's own file, or undefined: by folder (zones/, profiles/, services/), else by the naming key. */
function classify(relativeFile: string, value: unknown): FilePlacement | "zone" | "profile" | undefined {
  const inFolder = (folder: string) => new RegExp(`(^|/)${folder}/`).test(relativeFile);
  if (inFolder("zones")) return "zone";
  if (inFolder("profiles")) return "profile";
  const byFolder = filePlacements.find((placement) => inFolder(placement.folder));
  if (byFolder) return byFolder;
  if (typeof value === "object" && value !== null) {
    if ("zone" in value) return "zone";
    if ("profile" in value) return "profile";
    return filePlacements.find((placement) => placement.nameKey in value);
  }
  return undefined;
}

function newState(dir: string): DesiredState {
  const state = { dir, zones: [] } as unknown as DesiredState; // each kind with files of its own adds its list just below
  for (const placement of filePlacements) placement.init(state);
  return state;
}

function compareLocations(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

export async function loadDesiredState(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = resolve(options.root ?? process.cwd());
  const absDir = resolve(root, dir);
  const dirName = toPosix(relative(root, absDir)) || ".";
  const state = newState(dirName);
  const diagnostics: Diagnostic[] = [];
  const report: Report = (finding, at) => diagnostics.push(diagnostic(finding, at));
  const outside = await outsideRepository(absDir, root);
  if (outside) {
    report({ code: "desired-state-outside-repository", message: `the desired-state directory ${dirName} is ${outside}outside the repository`, hint: "keep the desired state in the repository (desired_state.dir in the stack file, or --dir)" }, { file: dirName, line: 1, column: 1 });
    return { state, diagnostics };
  }
  const files = await listYamlFiles(absDir);
  if (!files) {
    report({ code: "desired-state-missing", message: `the desired-state directory ${dirName} does not exist`, hint: "pass --dir or create desired-state/zones/<zone>.yaml" }, { file: dirName, line: 1, column: 1 });
    return { state, diagnostics };
  }
  const include = options.stack ? picomatch(options.stack.desired_state.include, { dot: false }) : undefined;
  const map = new SourceMap();
  const profiles = new ProfileSet(diagnostics, report);
  // Own files (services, lists) first, so zone rules can check what zones refer to ($lists).
  const inZones = (name: string) => /(^|\/)zones\//.test(name);
  const ordered = [...files.filter((name) => !inZones(name)), ...files.filter(inZones)];
  const deferred: [ParsedYaml, string][] = [];
  let total = 0;
  for (const name of ordered) {
    if (include && !include(name)) {
      profiles.excluded(name);
      continue;
    }
    const file = dirName === "." ? name : `${dirName}/${name}`;
    const left = limits.maxStackBytes - total;
    const read = await readYamlFile(resolve(absDir, name), file, root, Math.min(limits.maxFileBytes, left));
    if (read.diagnostics[0]?.code === "yaml-file-too-large" && left < limits.maxFileBytes) {
      report(totalTooLarge(total), { file, line: 1, column: 1 });
      break; // the files after it are not read either
    }
    total += read.bytes ?? 0;
    diagnostics.push(...read.diagnostics);
    if (!read.parsed) continue;
    // a zone file outside zones/ (recognised by its `zone:` key) waits for the other own files
    if (!inZones(name) && classify(name, read.parsed.value) === "zone") deferred.push([read.parsed, name]);
    else loadFile(read.parsed, name, state, map, diagnostics, report, profiles);
  }
  for (const [parsed, name] of deferred) loadFile(parsed, name, state, map, diagnostics, report, profiles);
  profiles.finish(state);
  const input: StateRuleInput = { state, locate: map.locate, ...(options.stack ? { stack: options.stack } : {}) };
  for (const rule of stateRules) guarded(rule.name, () => rule.check(input, report), report);
  diagnostics.sort(compareLocations);
  return { state, diagnostics };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

function totalTooLarge(readSoFar: number) {
  return {
    code: "yaml-total-too-large",
    message: `the desired state read so far is ${megabytes(readSoFar)}, and this file would take it past the limit of ${megabytes(limits.maxStackBytes)} for one stack; it and the files after it were not read`,
    hint: "split the desired state into several stacks (desired_state.include), or remove what is not needed",
  };
}

/** How the directory leads out of the repository ("" or "a link to <real path>, "), or undefined when it stays inside. */
async function outsideRepository(absDir: string, root: string): Promise<string | undefined> {
  const [realDir, realRoot] = await Promise.all([realpath(absDir).catch(() => absDir), realpath(root).catch(() => root)]);
  if (isInside(realDir, realRoot)) return undefined;
  return isInside(absDir, root) ? `a link to ${realDir}, ` : "";
}

function loadFile(parsed: ParsedYaml, name: string, state: DesiredState, map: SourceMap, diagnostics: Diagnostic[], report: Report, profiles: ProfileSet): void {
  const kind = classify(name, parsed.value);
  if (kind === "profile") return profiles.load(parsed, map, diagnostics);
  if (!kind) {
    const known = [["zone", "zones"], ["profile", "profiles"], ...filePlacements.map((p) => [p.nameKey, p.folder])];
    report(
      { code: "unknown-file-kind", message: `not ${known.map(([key]) => `a ${key} file (\`${key}:\`)`).join(" or ")}`, hint: `put ${known.map(([key, folder]) => `${key} files in ${folder}/`).join(" and ")}` },
      { file: parsed.file, line: 1, column: 1 },
    );
    return;
  }
  const checked = checkSchema((kind === "zone" ? "zone" : kind.file) as FileKind, parsed);
  diagnostics.push(...checked.diagnostics);
  map.attach(parsed);
  const ctx = buildContext(parsed, checked.failedItems, map);
  if (kind !== "zone") {
    const spec = buildOwnFile(parsed, ctx, kind);
    if (spec !== undefined) kind.add(state, spec);
    return; // own files stay attached: they are small and cross-file rules point into them
  }
  const applied = profiles.apply(parsed, checked.failedItems, map); // `use:`: the profiles merged in
  const zone = buildZone(parsed, applied?.ctx ?? ctx, zonePlacements, applied?.raw);
  if (zone) {
    if (applied) zone.use = applied.use;
    state.zones.push(zone);
    const input: ZoneRuleInput = { zone, state, locate: map.locate };
    const zoneReport = applied?.report ?? report;
    for (const rule of zoneRules) guarded(rule.name, () => rule.check(input, zoneReport), zoneReport, zone.source);
  }
  map.detach(parsed.file);
}

/** A bug in one rule must not hide the other diagnostics or crash the command. */
function guarded(name: string, check: () => void, report: Report, at = { file: "", line: 1, column: 1 }): void {
  try {
    check();
  } catch (error) {
    report({ code: "internal-rule-error", message: `rule ${name} failed: ${error instanceof Error ? error.message : String(error)}`, hint: "this is a bug in cf-gitops; please report it" }, at);
  }
}
