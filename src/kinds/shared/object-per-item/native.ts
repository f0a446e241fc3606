// The native engine's side of a one-object-per-item kind: one list per zone, and one call per
// change (create, update by Cloudflare's id, delete by id). The kind's native.ts gives the SDK
// calls; everything else comes from its ObjectKind.
import type Cloudflare from "cloudflare";
import type { NativeAdapter } from "../../../engines/native/adapter.ts";
import { call } from "../../../engines/native/call.ts";
import type { Change } from "../../../plan/types.ts";
import { objectResource, type ObjectKind, type ObjectSpec } from "./object-kind.ts";

/** The SDK calls of the kind's API, all zone-scoped. */
export interface ObjectApi {
  /** Every object of the zone, as the API returns them. */
  list(client: Cloudflare, zoneId: string): Promise<Record<string, unknown>[]>;
  create(client: Cloudflare, zoneId: string, body: Record<string, unknown>): Promise<unknown>;
  update(client: Cloudflare, zoneId: string, id: string, body: Record<string, unknown>): Promise<unknown>;
  delete(client: Cloudflare, zoneId: string, id: string): Promise<unknown>;
  /** The resource types the account's audit log gives these objects (v2 type, v1 type), for drift attribution. */
  auditTypes: string[];
}

/** What one change's call needs (kept in the plan, so a saved plan applies alone). */
export type ObjectPayload =
  | { call: "create"; body: Record<string, unknown> }
  | { call: "update"; id: string; body: Record<string, unknown> }
  | { call: "delete"; id: string }
  | { call: "replace"; id: string; body: Record<string, unknown> };

export function objectNative<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>, api: ObjectApi): NativeAdapter<ObjectPayload> {
  const plural = `${kind.noun}s`;
  return {
    kind: kind.kind,
    async readZone(zone, { client }) {
      const objects = await call(`list the ${plural} of ${zone.name}`, () => api.list(client, zone.id));
      return {
        resources: objects.map((object) => {
          const resource = objectResource(kind, zone.name, kind.fromApi(object));
          resource.cloudId = String(object.id);
          return resource;
        }),
      };
    },
    probe: ({ zone }, { client }) => call(`list the ${plural} of ${zone?.name ?? ""}`, () => api.list(client, zone?.id ?? "")),
    auditResource: ({ change }) => (change.cloudId ? { id: change.cloudId, types: api.auditTypes, ...(change.zone ? { zone: change.zone } : {}) } : undefined),
    payload({ change }) {
      if (change.op === "delete") return { call: "delete", id: change.cloudId ?? "" };
      const body = kind.toApi(change.after as Value);
      if (change.op === "replace" && change.cloudId) return { call: "replace", id: change.cloudId, body };
      if (change.op === "update" && change.cloudId) return { call: "update", id: change.cloudId, body };
      return { call: "create", body };
    },
    writes(changes, ctx) {
      return changes.map((change: Change<ObjectPayload>) => {
        const zone = change.zone ?? "";
        const payload = change.payload!;
        const what = `${payload.call} the ${kind.noun} ${change.id}`;
        const run = async () => {
          const zoneId = ctx.zoneId(zone);
          if (payload.call === "create") return call(what, () => api.create(ctx.client, zoneId, payload.body));
          if (payload.call === "update") return call(what, () => api.update(ctx.client, zoneId, payload.id, payload.body));
          await call(what, () => api.delete(ctx.client, zoneId, payload.id));
          return payload.call === "replace" ? call(what, () => api.create(ctx.client, zoneId, payload.body)) : undefined;
        };
        return { changes: [change], run };
      });
    },
  };
}
