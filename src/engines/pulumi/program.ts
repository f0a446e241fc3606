// The inline Pulumi program: desired state -> @pulumi/cloudflare v6 resources. The desired state is
// expanded as the native engine does, and each kind's adapter declares its resources under their
// identity (never their position), so reordering never changes a URN.
import * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import { expandDesired } from "../../plan/expand.ts";
import type { DeclareContext, PulumiAdapter } from "./adapter.ts";
import { adapterFor, declaresResource, pulumiAdapters } from "./adapters.ts";
import { resolvedMaps, type ProgramInput } from "./program-input.ts";

/** The resource options of a logical name: the provider, the import (ignoring what adoption says), aliases. */
export function optionsFor(input: Pick<ProgramInput, "imports" | "adopting">, provider: pulumi.ProviderResource | undefined): DeclareContext["opts"] {
  return (name, aliases = []) => {
    const importId = input.imports[name];
    const ignoreChanges = importId !== undefined ? input.adopting?.[name]?.ignoreChanges : undefined;
    return {
      ...(provider && { provider }),
      ...(importId !== undefined && { import: importId }),
      ...(ignoreChanges && ignoreChanges.length > 0 && { ignoreChanges }),
      ...(aliases.length > 0 && { aliases: aliases.map((alias) => ({ name: alias })) }),
    };
  };
}

/** What one adapter's `declare` gets: its resources' context (the SDK is passed in, so tests can fake it). */
export function declareContext(input: ProgramInput, adapter: PulumiAdapter, adapters: readonly PulumiAdapter[], sdk: DeclareContext["cloudflare"], provider: pulumi.ProviderResource | undefined, claimed: ReadonlySet<string>, declared: Map<string, pulumi.CustomResource> = new Map()): DeclareContext {
  return {
    cloudflare: sdk,
    accountId: input.accountId,
    zoneId(zone) {
      const id = input.zoneIds[zone];
      if (id === undefined) throw new Error(`no zone id resolved for ${zone}`);
      return id;
    },
    opts: optionsFor(input, provider),
    state: (input.state ?? []).filter((resource) => adapterFor(adapters, resource.type, resource.name) === adapter),
    claimed,
    declared,
    names: new Map(Object.entries(input.resolved[adapter.kind] ?? {}).map(([name, id]) => [id, name])),
    adopting: (name) => (input.imports[name] !== undefined ? input.adopting?.[name]?.hints : undefined),
  };
}

export function createProgram(input: ProgramInput): () => Promise<Record<string, unknown>> {
  return async () => {
    const adapters = await pulumiAdapters();
    // no apiToken input: the provider reads CLOUDFLARE_API_TOKEN from its environment (session.ts),
    // so the token is never in the stack's config nor on a command line. Dropping the input from a
    // stack made by an earlier version is an update of the provider, not a replacement of its
    // resources (the bridge replaces a provider only for config keys marked ForcesProviderReplace).
    const provider = new cloudflare.Provider("cloudflare", { baseUrl: input.baseUrl ?? process.env.CLOUDFLARE_BASE_URL });
    const expanded = expandDesired(input.desired, { resolved: resolvedMaps(input.resolved), zoneNames: Object.keys(input.zoneIds) });
    const outputs: Record<string, unknown> = {};
    const declared = new Map<string, pulumi.CustomResource>(); // shared: a rule depends on the list it uses
    for (const adapter of adapters) {
      const resources = expanded.resources.filter((resource) => declaresResource(adapter, resource));
      const claimed = new Set(expanded.ownership.get(adapter.kind)?.keys() ?? []);
      Object.assign(outputs, adapter.declare(resources, declareContext(input, adapter, adapters, cloudflare, provider, claimed, declared)));
    }
    return outputs;
  };
}
