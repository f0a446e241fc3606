// What stops being managed (ADR 34). Removing `dns:` from a zone file, a phase key such as
// `rate_limits:`, or the whole zone file, or moving a record under `ignore:`, means the same for
// both engines: cf-gitops no longer owns those objects and leaves them in Cloudflare as they are.
// The native engine simply stops deleting what it does not own; Pulumi would delete everything
// its state holds that the program no longer declares. So a state resource the program does not
// declare and the desired state does not own is "released": the plan says so in a note instead
// of a delete, and apply drops it from the state without calling the provider (retainOnDelete).
import type { Expanded, Resolved } from "../../plan/expand.ts";
import { ownsLive } from "../../plan/ownership.ts";
import type { PulumiAdapter, StateResource, TranslateContext } from "./adapter.ts";
import { adapterFor } from "./adapters.ts";
import { decodeLogicalName } from "./names.ts";

/** Every logical name the program declares: the desired resources, and each claimed scope of a group shape. */
export function declaredNames(adapters: readonly PulumiAdapter[], expanded: Expanded, resolved: Resolved): Set<string> {
  const names = new Set<string>();
  for (const adapter of adapters) {
    for (const resource of expanded.resources) if (resource.kind === adapter.kind) names.add(adapter.logicalName(resource));
    if (!adapter.scopeName) continue;
    const byId = new Map([...(resolved.get(adapter.kind) ?? new Map<string, string>())].map(([name, id]) => [id, name]));
    for (const scope of expanded.ownership.get(adapter.kind)?.keys() ?? []) names.add(adapter.scopeName(scope, byId));
  }
  return names;
}

export function releaseNote(name: string): string {
  return `${decodeLogicalName(name)} stops being managed: the desired state no longer claims it (its zone file, its key there, or an ignore: pattern), so cf-gitops leaves it in Cloudflare as it is and drops it from the Pulumi state`;
}

export interface ReleaseInput {
  state: readonly StateResource[];
  expanded: Expanded;
  resolved: Resolved;
  adapters: readonly PulumiAdapter[];
  context: TranslateContext;
}

/** Logical name -> the plan's note, for each state resource that stops being managed. */
export function releasedResources(input: ReleaseInput): Map<string, string> {
  const declared = declaredNames(input.adapters, input.expanded, input.resolved);
  const released = new Map<string, string>();
  for (const held of input.state) {
    if (declared.has(held.name)) continue;
    const adapter = adapterFor(input.adapters, held.type, held.name);
    // kinds whose delete is already a no-op in Cloudflare say so themselves (zone settings, tunnels)
    if (!adapter || adapter.forgets) continue;
    // a group not declared is a scope nobody claims any more; a single object may still be owned
    // (then it is deleted, or taken over by an alias)
    const owned = adapter.shape === "single" && adapter.fromState(held.name, held.outputs, input.context).some((resource) => ownsLive(input.expanded.ownership, resource));
    if (!owned) released.set(held.name, releaseNote(held.name));
  }
  return released;
}
