// The inline Pulumi program: desired state -> @pulumi/cloudflare v6 resources. The desired state is
// expanded as the native engine does, and each kind's adapter declares its resources under their
// identity (never their position), so reordering never changes a URN.
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { expandDesired } from "../../plan/expand.ts";
import { adapterFor, pulumiAdapters } from "./adapters.ts";
import { resolvedMaps, type ProgramInput } from "./program-input.ts";

export function createProgram(input: ProgramInput): () => Promise<Record<string, unknown>> {
  return async () => {
    const adapters = await pulumiAdapters();
    const config = new pulumi.Config();
    const provider = new cloudflare.Provider("cloudflare", {
      apiToken: config.requireSecret("apiToken"),
      baseUrl: input.baseUrl ?? process.env.CLOUDFLARE_BASE_URL,
    });
    const opts = (name: string, aliases: string[] = []): pulumi.CustomResourceOptions => {
      const importId = input.imports[name];
      return { provider, ...(importId !== undefined && { import: importId }), ...(aliases.length > 0 && { aliases: aliases.map((alias) => ({ name: alias })) }) };
    };
    const zoneId = (zone: string) => {
      const id = input.zoneIds[zone];
      if (id === undefined) throw new Error(`no zone id resolved for ${zone}`);
      return id;
    };
    const expanded = expandDesired(input.desired, { resolved: resolvedMaps(input.resolved), zoneNames: Object.keys(input.zoneIds) });
    const outputs: Record<string, unknown> = {};
    const declared = new Map<string, pulumi.CustomResource>(); // shared: a rule depends on the list it uses
    for (const adapter of adapters) {
      const resources = expanded.resources.filter((resource) => resource.kind === adapter.kind);
      const claimed = new Set(expanded.ownership.get(adapter.kind)?.keys() ?? []);
      const state = (input.state ?? []).filter((resource) => adapterFor(adapters, resource.type, resource.name) === adapter);
      Object.assign(outputs, adapter.declare(resources, { cloudflare, accountId: input.accountId, zoneId, opts, state, claimed, declared }));
    }
    return outputs;
  };
}
