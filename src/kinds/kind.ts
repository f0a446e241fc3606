// What a resource kind contributes to the core: where it lives in the YAML, its schema and rules,
// how its objects expand into resources, what it owns, when it is applied and how `import` writes
// it back. Its engine adapters (native.ts, pulumi.ts) are loaded lazily through `engines`, so the
// core (and `cf-gitops validate`) never loads an engine module or a cloud SDK.
import type { DesiredState, Diagnostic, Severity, SourceLocation, StackConfig, ZoneSpec } from "../desired-state/types.ts";
import type { YamlPath } from "../desired-state/positions.ts";
import type { Resource } from "../plan/resources.ts";
import { phaseKeyMerge } from "./shared/ruleset-phase/merge.ts";

export type JsonSchema = Record<string, unknown>;

/** Where a spec object (or one of its fields) was written; falls back to the object's own position. */
/** `charIndex` points inside a string field's value (0-based), mapped through quotes, escapes and folding; `atKey` at a map entry's key (a header's name) instead of its value. */
export type Locate = (target: object, field?: string | (string | number)[], charIndex?: number, atKey?: boolean) => SourceLocation;

/** What a semantic rule reports (the loader adds the location). */
export interface RuleFinding {
  code: string;
  message: string;
  hint?: string;
  severity?: Severity;
}

export type Report = (finding: RuleFinding, at: SourceLocation) => void;

export interface ZoneRuleInput {
  zone: ZoneSpec;
  /** Everything loaded so far: every own file (the loader reads them before zone files), the zones before this one. */
  state: DesiredState;
  locate: Locate;
}

/** A check over one zone file, run while that file's positions are still available. */
export interface ZoneRule {
  name: string;
  check(input: ZoneRuleInput, report: Report): void;
}

export interface StateRuleInput {
  state: DesiredState;
  stack?: StackConfig;
  locate: Locate;
}

/** A check across files (services against zones, zones against each other). */
export interface StateRule {
  name: string;
  check(input: StateRuleInput, report: Report): void;
}

/** What the loader gives a kind to turn its (schema-checked) YAML into specs. */
export interface BuildContext {
  file: string;
  /** Whether the schema failed at this top-level path ("dns/3", "settings"), or anywhere when none is given. */
  failed(path?: string): boolean;
  /** Where a YAML path is written (its key with atKey). */
  at(path: YamlPath, options?: { atKey?: boolean }): SourceLocation;
  /** Lets rules locate `target` and its fields; `keepFields` stay locatable after the file is detached. */
  register(target: object, path: YamlPath, source: SourceLocation, keepFields?: string[]): void;
}

/**
 * How profiles (desired-state/profiles/*.yaml, named in a zone file's `use:`) combine with a zone
 * file, for one zone-file key. Profiles come first, in `use:` order, then the zone's own.
 * - `concat` (lists of records, rules, objects): the items are concatenated. An item whose
 *   `identity` fields are equal to one from another file (two profiles, or a profile and the zone)
 *   is a conflict, reported at both; an empty `identity` never conflicts.
 * - `map` (named values, such as `settings:`): the entries are merged and the zone's value wins;
 *   two profiles giving one entry different values, with no zone value to settle it, conflict.
 */
export type KeyMerge = { rule: "concat"; identity: readonly string[] } | { rule: "map" };

/** A zone-file key a kind owns, with the JSON Schema of its value. */
export interface ZoneKey {
  description: string;
  schema: JsonSchema;
  /**
   * How profiles merge into it. The shared helpers give their keys one (`objectPlacement`: concat by
   * the kind's identity; a `phaseRuleSchema` list: concat by `ref`); other keys must declare it
   * (the registry test fails for a key without one). See docs/profiles.md.
   */
  merge?: KeyMerge;
}

/** A kind that lives in zone files: one or more keys of desired-state/zones/<zone>.yaml. */
export interface ZonePlacement {
  scope: "zone";
  keys: Record<string, ZoneKey>;
  /** Sets this kind's keys on the zone from the file's raw (schema-checked) mapping. */
  build(raw: Record<string, unknown>, zone: ZoneSpec, ctx: BuildContext): void;
  /** How many objects the zone declares; undefined when the zone does not manage this kind. */
  count(zone: ZoneSpec): number | undefined;
  /** `import --zone`: live resources of one zone -> this kind's keys (absent when it writes none). */
  toYaml?(live: Resource[], zone: string): ImportedSection;
}

/** A kind whose objects have files of their own, e.g. desired-state/services/<service>.yaml. */
export interface FilePlacement<Spec = unknown, File extends string = string> {
  scope: "file";
  /** The file kind: its schema is schemas/<file>.schema.json. */
  file: File;
  /** The folder under the desired-state directory its files live in. */
  folder: string;
  /** The key that names the object; the file is named after its value. */
  nameKey: string;
  description: string;
  /** Starts the kind's list in a fresh DesiredState. */
  init(state: DesiredState): void;
  /** One file's raw (schema-checked) mapping -> its spec, or undefined when the schema failed. */
  build(raw: Record<string, unknown>, ctx: BuildContext): Spec | undefined;
  add(state: DesiredState, spec: Spec): void;
  all(state: DesiredState): readonly Spec[];
  /** The object's name (the value of nameKey) and its file. */
  nameOf(spec: Spec): { name: string; file: string };
  /** The zone an object counts under, for cfgitops_managed_resources. */
  zoneOf(spec: Spec, zones: readonly string[]): string | undefined;
  /** `cf-gitops import --<flag>`: writes one file per live object (absent when the kind has none). */
  import?: FileImport;
}

/** How `import` writes an own-file kind's live objects: read with its native adapter, one file each. */
export interface FileImport {
  /** The import flag: `lists` for `cf-gitops import --lists`. */
  flag: string;
  /** The scopes its native adapter reads (account-level kinds: readAccount). */
  scopes: readonly string[];
  toFiles(live: Resource[]): ImportedFile[];
}

export interface ImportedFile {
  /** The object's name: the file is <folder>/<name>.yaml. */
  name: string;
  /** The file's keys, in the order they are written. */
  doc: Record<string, unknown>;
  /** The live resources the file declares (for their Pulumi import ids). */
  written: Resource[];
  /** For the one-line report, e.g. "12 item(s)". */
  summary: string;
  /** Identity of one item of a list key, for keeping its comments across re-imports. */
  itemKey?(key: string, item: unknown): string | undefined;
}

/**
 * A kind whose YAML is a key inside another kind's files, e.g. `access:` in a service file (an
 * Access application and its policy). The host kind's schema and loader hold the key; this kind
 * says where it is (for the docs), which of the host's objects declare it, and how `import`
 * writes the key back into existing files.
 */
export interface EmbeddedPlacement<Spec = unknown> {
  scope: "embedded";
  /** The host kind's own file (its FilePlacement.file): "service". */
  host: string;
  /** The host's folder under the desired-state directory, for the docs: "services". */
  folder: string;
  /** The key in the host's files: "access". */
  key: string;
  description: string;
  /** The host objects that declare this kind (services with an `access:` block). */
  all(state: DesiredState): readonly Spec[];
  /** The zone an object counts under, for cfgitops_managed_resources. */
  zoneOf(spec: Spec, zones: readonly string[]): string | undefined;
  /** `cf-gitops import --<flag>`: writes the key into the host files it matches (absent when the kind has none). */
  import?: EmbeddedImport;
}

/** How `import` writes an embedded kind's live objects: the key's value in each host file it belongs to. */
export interface EmbeddedImport {
  flag: string;
  /** The kinds read (their native adapters' readAccount), with their scopes. */
  reads: Record<string, readonly string[]>;
  /** Live resources of those kinds and the host's loaded objects -> the key's value per host file. */
  toBlocks(live: Resource[], hosts: readonly { file: string; spec: unknown }[]): ImportedBlocks;
}

export interface ImportedBlocks {
  blocks: { file: string; value: Record<string, unknown>; written: Resource[]; summary: string }[];
  /** Live objects no host file declares, for the report. */
  notes: string[];
}

export type Placement = ZonePlacement | FilePlacement | EmbeddedPlacement;

/** What `import` writes for one kind: zone-file keys, the resources written, and a count for people. */
export interface ImportedSection {
  keys: Record<string, unknown>;
  written: Resource[];
  /** For the one-line report, e.g. ["12 DNS record(s)"]. */
  summary: string[];
  /** Lines for the file's header comment. */
  notes?: string[];
  /** Identity of one written YAML item, for keeping its comments across re-imports; by key. */
  itemKey?(key: string, item: unknown): string | undefined;
}

/** Modules the core never loads itself: the engine adapters, and the conformance scenario (tests). */
export interface KindModules {
  native(): Promise<unknown>;
  pulumi(): Promise<unknown>;
  conformance(): Promise<unknown>;
}

/** Which live objects of a kind the desired state owns (only those can be deleted). */
export interface Claims {
  claim(kind: string, scope: string, detail?: unknown): void;
}

export interface ExpandContext {
  /** Names this kind's native adapter resolved before expansion (tunnel name -> tunnel id). */
  ids: ReadonlyMap<string, string>;
  /** Every zone name known (desired and live). */
  zoneNames: readonly string[];
}

export interface ExpandOutput extends Claims {
  resources: Resource[];
}

/**
 * A permission group of Cloudflare's API tokens, named as the dashboard's token page names it
 * (scope, group; the level is Read or Edit). `doctor`, `init`'s hint and docs/security.md all
 * come from these (src/kinds/permissions.ts).
 */
export interface KindPermission {
  /** The token page's first column. */
  scope: "Zone" | "Account";
  /** Only read, never written (names looked up, like service tokens): Read is enough for apply too. */
  readOnly?: boolean;
  /** The group, spelled as the token page spells it: "Workers Routes". */
  group: string;
  /** The group's name in the API's permission-group list where it differs: "Cache Settings" (`Cache Settings Read`, `Cache Settings Write`). */
  api?: string;
}

/** The model a kind follows, which "Adding a kind" (docs/architecture.md) says to copy. */
export type KindModel = "ruleset phase" | "one object per item" | "map" | "files of their own" | "records" | "a key in another kind's files";

/**
 * What the docs' tables say of the kind, one row (or a few) per table; `npm run schemas` writes the
 * tables from every registered kind and a test keeps them current (scripts/generate-schemas.ts).
 */
export interface KindDocs {
  model: KindModel;
  /** README, "What it manages": what it is, in Cloudflare's words. */
  what: string;
  /** docs/native-engine.md, "What a zone file owns": [the file has, cf-gitops manages, left alone]. */
  owns: readonly (readonly [string, string, string])[];
  /** docs/pulumi.md: [desired state, Pulumi resource, logical name]. */
  pulumi: readonly (readonly [string, string, string])[];
  /** docs/policies.md: [resource, id as plans and exemptions name it]. */
  ids: readonly (readonly [string, string])[];
  /** docs/security.md: what the kind calls. */
  calls: string;
  /** docs/architecture.md, the import rule: what `import` writes for a zone (or account) with none. */
  importNone: string;
}

export interface KindDefinition<Id extends string = string, P extends Placement = Placement> {
  id: Id;
  title: string;
  /** How `validate` counts them: "DNS records". */
  plural: string;
  placement: P;
  /** JSON Schema of one object (a list item, or the whole map for a map key). */
  schema: JsonSchema;
  zoneRules: ZoneRule[];
  stateRules: StateRule[];
  /** Desired state -> resources (of this kind or another, like a service's CNAME) and ownership claims. */
  expand(state: DesiredState, ctx: ExpandContext, out: ExpandOutput): void;
  /** A claimed live resource may still be left alone (an `ignore:` pattern); default: owned. */
  owns?(resource: Resource, detail: unknown): boolean;
  /** Rules are evaluated in order: a moved one is an update of its position. */
  ordered?: boolean;
  /** Lower runs first in an apply (zones are created before anything). */
  applyOrder: number;
  /**
   * A zone-less kind whose objects the zones' objects refer to or need (lists, as $name; the Access
   * application that must guard a hostname before its DNS record and ingress rule exist): its
   * creates and updates are applied before any zone's changes, its deletes after all of them, in
   * reverse apply order (a dependant before what it uses).
   */
  referencedByZones?: boolean;
  /** The group plans show zone-less changes under, e.g. "tunnel services". */
  group?: string;
  /**
   * The token permissions the kind needs: its own group first (its native adapter's `probe` reads
   * with it), then any group its objects need besides (a tunnel service's CNAME needs DNS).
   */
  permissions: readonly [KindPermission, ...KindPermission[]];
  /** What the docs' generated tables say of it. */
  docs: KindDocs;
  /** Loaded lazily, each by its engine: `() => import("./native.ts")`. */
  modules: KindModules;
}

export function diagnostic(finding: RuleFinding, at: SourceLocation): Diagnostic {
  const result: Diagnostic = { ...at, severity: finding.severity ?? "error", code: finding.code, message: finding.message };
  if (finding.hint) result.hint = finding.hint;
  return result;
}

/** A kind's schema as a fragment of a file schema (its title belongs to the kind, not the file). */
export function fragment(schema: JsonSchema): JsonSchema {
  const { title: _title, ...rest } = schema;
  return rest;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How profiles merge a zone-file key: its own declaration, else a shared helper's default; undefined: none (a bug the registry test reports). */
export function keyMergeOf(key: ZoneKey): KeyMerge | undefined {
  return key.merge ?? phaseKeyMerge(key);
}
