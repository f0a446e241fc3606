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
      const ignoreChanges = importId !== undefined ? input.adopting?.[name]?.ignoreChanges : undefined;
      return {
        provider,
        ...(importId !== undefined && { import: importId }),
        ...(ignoreChanges && ignoreChanges.length > 0 && { ignoreChanges }),
        ...(aliases.length > 0 && { aliases: aliases.map((alias) => ({ name: alias })) }),
      };
    };
    const adopting = (name: string) => (input.imports[name] !== undefined ? input.adopting?.[name]?.hints : undefined);
    const zoneId = (zone: string) => {
      const id = input.zoneIds[zone];
      if (id === undefined) throw new Error(`no zone id resolved for ${zone}`);
      return id;
    };
    const expanded = expandDesired(input.desired, { resolved: resolvedMaps(input.resolved), zoneNames: Object.keys(input.zoneIds) });
    const outputs: Record<string, unknown> = {};
    for (const adapter of adapters) {
      const resources = expanded.resources.filter((resource) => resource.kind === adapter.kind);
      const claimed = new Set(expanded.ownership.get(adapter.kind)?.keys() ?? []);
      const state = (input.state ?? []).filter((resource) => adapterFor(adapters, resource.type, resource.name) === adapter);
      const names = new Map(Object.entries(input.resolved[adapter.kind] ?? {}).map(([name, id]) => [id, name]));
      Object.assign(outputs, adapter.declare(resources, { cloudflare, accountId: input.accountId, zoneId, opts, state, claimed, names, adopting }));
    }
    return outputs;
  };
}
