// The native engine's Workers routes adapter: one list per zone, one call per change (the shared
// one-object-per-item helper), through the SDK's client.workers.routes.
import { objectNative } from "../shared/object-per-item/native.ts";
import { workersRouteObjects } from "./normalise.ts";

export const native = objectNative(workersRouteObjects, {
  async list(client, zoneId) {
    const routes: Record<string, unknown>[] = [];
    for await (const route of client.workers.routes.list({ zone_id: zoneId })) routes.push(route as unknown as Record<string, unknown>);
    return routes;
  },
  create: (client, zoneId, body) => client.workers.routes.create({ zone_id: zoneId, ...(body as { pattern: string }) }),
  update: (client, zoneId, id, body) => client.workers.routes.update(id, { zone_id: zoneId, ...(body as { pattern: string }) }),
  delete: (client, zoneId, id) => client.workers.routes.delete(id, { zone_id: zoneId }),
  auditTypes: ["route"],
});
