// The Pulumi side of a one-object-per-item kind: one provider resource per item, named by its
// change id (zone, key, identity: never its position), its state read back in the API's shape so
// plans reuse the kind's normaliser and the shared diff, and `<zone_id>/<object id>` as the import
// id, which is what the provider's resources of zone objects take.
import type { CustomResource, CustomResourceOptions } from "@pulumi/pulumi";
import type { CloudflareModule, PulumiAdapter } from "../../../engines/pulumi/adapter.ts";
import { decodeLogicalName, encodeLogicalName } from "../../../engines/pulumi/names.ts";
import { objectResource, type ObjectKind, type ObjectSpec } from "./object-kind.ts";

export interface ObjectPulumi<Value extends Record<string, unknown>> {
  /** The @pulumi/cloudflare type token, e.g. cloudflare:index/workersRoute:WorkersRoute. */
  type: string;
  /** The provider's inputs (camelCase) for a value. */
  args(value: Value, zoneId: string): Record<string, unknown>;
  /** Declares the resource: `new cloudflare.WorkersRoute(name, args, opts)`. */
  create(cloudflare: CloudflareModule, name: string, args: Record<string, unknown>, opts: CustomResourceOptions): CustomResource;
  /** A resource's state (inputs or outputs, camelCase) -> the object as the API shows it, for the kind's fromApi. */
  stateToApi(state: Record<string, unknown>): Record<string, unknown>;
  /** Inputs ignored while adopting an existing object (a second `up` then brings it to git); see PulumiAdapter. */
  adoptIgnoring?: string[];
}

const zoneOfName = (name: string) => decodeLogicalName(name).split("/")[0] ?? "";

export function objectPulumi<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>, mapping: ObjectPulumi<Value>): PulumiAdapter {
  const adapter: PulumiAdapter = {
    kind: kind.kind,
    type: mapping.type,
    shape: "single",
    logicalName: (resource) => encodeLogicalName(resource.id),
    declare(resources, ctx) {
      for (const resource of resources) {
        const name = encodeLogicalName(resource.id);
        mapping.create(ctx.cloudflare, name, mapping.args(resource.value as Value, ctx.zoneId(resource.zone!)), ctx.opts(name));
      }
      return {};
    },
    fromState: (name, state) => (state ? [objectResource(kind, zoneOfName(name), kind.fromApi(mapping.stateToApi(state)))] : []),
    importId: (name, live, ctx) => (live[0]?.cloudId ? `${ctx.zoneId(zoneOfName(name))}/${live[0].cloudId}` : undefined),
  };
  if (mapping.adoptIgnoring) adapter.adoptIgnoring = mapping.adoptIgnoring;
  return adapter;
}
