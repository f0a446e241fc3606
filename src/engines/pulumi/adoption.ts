// Adoption: objects that already exist in Cloudflare but not in the stack's Pulumi state get
// Pulumi's `import` resource option with their ids, so the first apply adopts them instead of
// failing or duplicating them. Pulumi compares the program's inputs with what it imports field by
// field, spelling included ("inputs to import do not match" before CLI 3.174; import then update
// after), so for kinds that say which inputs to ignore while importing (`adoptIgnoring`) an object
// is imported whatever it holds, and what differs is updated by a second `up` of the same apply:
// `changes` here are those updates, planned with the shared diff as the native engine plans them.
// Kinds without `adoptIgnoring` are imported only when they match, else named in a warning.
// Live objects are read with the native adapters, only for the kinds and scopes that need it.
import { kindById } from "../../kinds/registry.ts";
import { diffResources, stableJson } from "../../plan/diff.ts";
import type { Expanded, Resolved } from "../../plan/expand.ts";
import { claim, emptyOwnership, type Resource } from "../../plan/resources.ts";
import type { Change } from "../../plan/types.ts";
import type { NativeAdapter, NativeContext } from "../native/adapter.ts";
import { readScopes } from "../native/reads.ts";
import type { ZoneRef } from "../native/zones.ts";
import type { PulumiAdapter } from "./adapter.ts";
import { declaresResource } from "./adapters.ts";
import type { AdoptingInput } from "./program-input.ts";
import { compareText } from "../../shared/compare-text.ts";

export interface AdoptionInput {
  expanded: Expanded;
  accountId: string;
  zones: ReadonlyMap<string, ZoneRef>;
  resolved: Resolved;
  /** Logical names already in the stack's state: never imported again. */
  inState: Set<string>;
  native: NativeContext;
  nativeAdapters: Map<string, NativeAdapter>;
  pulumiAdapters: readonly PulumiAdapter[];
}

export interface Adoption {
  imports: Record<string, string>;
  /** How each import is declared: the inputs ignored while importing, and the adapter's hints. */
  adopting: Record<string, AdoptingInput>;
  /** What the second `up` changes in the imported objects (the native engine's plan for them). */
  changes: Change[];
  warnings: string[];
}

interface Wanted {
  scope: string;
  resources: Resource[];
}

function byName(adapter: PulumiAdapter, resources: Resource[]): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (!declaresResource(adapter, resource)) continue;
    const name = adapter.logicalName(resource);
    groups.set(name, [...(groups.get(name) ?? []), resource]);
  }
  return groups;
}

/** Desired resources by logical name, and (group shapes) each claimed scope that lists nothing. */
function wantedNames(adapter: PulumiAdapter, input: AdoptionInput): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  for (const [name, resources] of byName(adapter, input.expanded.resources)) wanted.set(name, { scope: resources[0]!.scope, resources });
  if (adapter.scopeName) {
    const names = new Map([...(input.resolved.get(adapter.kind) ?? new Map<string, string>())].map(([name, id]) => [id, name]));
    for (const scope of input.expanded.ownership.get(adapter.kind)?.keys() ?? []) {
      const name = adapter.scopeName(scope, names);
      if (!wanted.has(name)) wanted.set(name, { scope, resources: [] });
    }
  }
  return wanted;
}

/** What Pulumi would compare: the values, in order where order matters, else by key. */
function comparable(kind: string, resources: Resource[]): string {
  const list = kindById(kind)?.ordered ? resources : [...resources].sort((a, b) => compareText(a.key, b.key));
  return stableJson(list.map((resource) => resource.value));
}

/** The native plan for one adopted object: a group is owned whole, a single object is paired by key. */
function adoptionChanges(adapter: PulumiAdapter, scope: string, want: Resource[], have: Resource[]): Change[] {
  const ownership = emptyOwnership();
  if (adapter.shape === "group") claim(ownership, adapter.kind, scope);
  return diffResources(want, have, ownership);
}

export async function planAdoption(input: AdoptionInput): Promise<Adoption> {
  const out: Adoption = { imports: {}, adopting: {}, changes: [], warnings: [] };
  const zoneIds = (zone: string) => input.zones.get(zone)?.id ?? "";
  for (const adapter of input.pulumiAdapters) {
    const wanted = [...wantedNames(adapter, input)].filter(([name]) => !input.inState.has(name));
    if (wanted.length === 0) continue; // everything of this kind is already managed: nothing is read
    const scopes = [...new Set(wanted.map(([, want]) => want.scope))].sort();
    const live = await readScopes({ adapters: input.nativeAdapters, scopes: new Map([[adapter.kind, scopes]]), zones: input.zones, resolved: input.resolved }, input.native);
    const liveByName = byName(adapter, live.resources);
    const meta = live.meta.get(adapter.kind) ?? {};
    for (const [name, want] of wanted) {
      const have = liveByName.get(name) ?? [];
      // a single object exists only when something live has its name; a group's resource (an
      // entrypoint, a tunnel's configuration) may exist with nothing in it: the adapter knows
      if (have.length === 0 && adapter.shape === "single") continue;
      const context = { accountId: input.accountId, zoneId: zoneIds, meta: (scope: string) => meta[scope], scope: want.scope };
      const same = comparable(adapter.kind, have) === comparable(adapter.kind, want.resources);
      if (!same && !adapter.adoptIgnoring) {
        const warning = want.resources[0] ? adapter.adoptionWarning?.(name, want.resources[0]) : undefined;
        if (warning) out.warnings.push(warning);
        continue;
      }
      const id = adapter.importId(name, have, context);
      if (id === undefined) continue;
      out.imports[name] = id;
      const hints = adapter.adoptionHints?.(name, have, context);
      out.adopting[name] = { ...(adapter.adoptIgnoring && { ignoreChanges: [...adapter.adoptIgnoring] }), ...(hints && { hints }) };
      if (!same) out.changes.push(...adoptionChanges(adapter, want.scope, want.resources, have));
    }
  }
  return out;
}
