// The Pulumi adapters of every registered kind, in registry order, each loaded from its kind's
// folder on first use. Adapters import only Pulumi's types, so loading them never loads the SDK.
import { kinds } from "../../kinds/registry.ts";
import type { Resource } from "../../plan/resources.ts";
import type { PulumiAdapter } from "./adapter.ts";

let loaded: Promise<PulumiAdapter[]> | undefined;

/** Checks what a kind's pulumi.ts exports: the registry test and every run rely on the shape. */
export function asPulumiAdapter(kind: string, module: unknown): PulumiAdapter {
  const adapter = (module as { pulumi?: PulumiAdapter } | undefined)?.pulumi;
  const hooks = ["logicalName", "declare", "fromState", "importId"] as const;
  if (!adapter || adapter.kind !== kind || typeof adapter.type !== "string" || !hooks.every((hook) => typeof adapter[hook] === "function")) {
    throw new Error(`src/kinds/${kind}/pulumi.ts must export \`pulumi\`, a PulumiAdapter for ${kind} with ${hooks.join(", ")}`);
  }
  return adapter;
}

/** Whether the adapter declares this resource of its kind (kinds with companions split theirs). */
export function declaresResource(adapter: PulumiAdapter, resource: Resource): boolean {
  return resource.kind === adapter.kind && (adapter.declares?.(resource) ?? true);
}

/** The adapter that declared a resource of this type and logical name. */
export function adapterFor(adapters: readonly PulumiAdapter[], type: string, name: string): PulumiAdapter | undefined {
  return adapters.find((adapter) => adapter.type === type && (adapter.handles?.(name) ?? true));
}

/** In registry order, each kind's companions right after it. */
export function pulumiAdapters(): Promise<PulumiAdapter[]> {
  loaded ??= Promise.all(kinds.map(async (kind) => asPulumiAdapter(kind.id, await kind.modules.pulumi()))).then((adapters) => adapters.flatMap((adapter) => [adapter, ...(adapter.companions ?? [])]));
  return loaded;
}
