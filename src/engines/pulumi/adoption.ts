// Adoption: objects that already exist in Cloudflare but not in the stack's Pulumi state get
// Pulumi's `import` resource option with their ids, so the first apply adopts them instead of
// failing or duplicating them. Pulumi imports only what matches the desired inputs exactly; an
// object that exists but differs is left out and, where its kind says so, reported as a warning.
// Live objects are read with the native adapters, only for the kinds and scopes that need it.
import { kindById } from "../../kinds/registry.ts";
import { stableJson } from "../../plan/diff.ts";
import type { Expanded, Resolved } from "../../plan/expand.ts";
import type { Resource } from "../../plan/resources.ts";
import type { NativeAdapter, NativeContext } from "../native/adapter.ts";
import { readScopes } from "../native/reads.ts";
import type { ZoneRef } from "../native/zones.ts";
import type { PulumiAdapter } from "./adapter.ts";

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
  warnings: string[];
}

function byName(adapter: PulumiAdapter, resources: Resource[]): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (resource.kind !== adapter.kind) continue;
    const name = adapter.logicalName(resource);
    groups.set(name, [...(groups.get(name) ?? []), resource]);
  }
  return groups;
}

/** What Pulumi would compare: the values, in order where order matters, else by key. */
function comparable(kind: string, resources: Resource[]): string {
  const list = kindById(kind)?.ordered ? resources : [...resources].sort((a, b) => a.key.localeCompare(b.key));
  return stableJson(list.map((resource) => resource.value));
}

export async function planAdoption(input: AdoptionInput): Promise<Adoption> {
  const out: Adoption = { imports: {}, warnings: [] };
  const zoneIds = (zone: string) => input.zones.get(zone)?.id ?? "";
  for (const adapter of input.pulumiAdapters) {
    const wanted = [...byName(adapter, input.expanded.resources)].filter(([name]) => !input.inState.has(name));
    if (wanted.length === 0) continue; // everything of this kind is already managed: nothing is read
    const scopes = [...new Set(wanted.flatMap(([, resources]) => resources.map((resource) => resource.scope)))].sort();
    const live = await readScopes({ adapters: input.nativeAdapters, scopes: new Map([[adapter.kind, scopes]]), zones: input.zones, resolved: input.resolved }, input.native);
    const liveByName = byName(adapter, live.resources);
    const meta = live.meta.get(adapter.kind) ?? {};
    for (const [name, want] of wanted) {
      const have = liveByName.get(name) ?? [];
      if (have.length === 0) continue;
      if (comparable(adapter.kind, have) === comparable(adapter.kind, want)) {
        const id = adapter.importId(name, have, { accountId: input.accountId, zoneId: zoneIds, meta: (scope) => meta[scope] });
        if (id !== undefined) out.imports[name] = id;
        continue;
      }
      const warning = adapter.adoptionWarning?.(name, want[0]!);
      if (warning) out.warnings.push(warning);
    }
  }
  return out;
}
