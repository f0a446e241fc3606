// A Workers route in one comparable form, and the kind's description for the one-object-per-item
// helper: its key, its identity (the pattern) and how a route reads from the YAML and the API and
// writes back to both.
import type { ObjectKind } from "../shared/object-per-item/object-kind.ts";
import { workersRouteSchema } from "./schema.ts";
import type { WorkersRouteSpec } from "./spec.ts";

export const workersRouteKindId = "workers-route" as const;

export interface WorkersRouteValue extends Record<string, unknown> {
  pattern: string;
  script?: string;
}

function value(pattern: string, script: unknown): WorkersRouteValue {
  return typeof script === "string" && script !== "" ? { pattern, script } : { pattern };
}

export const workersRouteObjects: ObjectKind<WorkersRouteSpec, WorkersRouteValue> = {
  kind: workersRouteKindId,
  key: "workers_routes",
  noun: "Workers route",
  code: "workers-route",
  identity: "pattern",
  description: "Workers routes: which Worker runs for which URLs of the zone (the key claims every route of the zone; routes made by `wrangler deploy` included).",
  schema: workersRouteSchema,
  itemsOf: (zone) => zone.workers_routes,
  setItems(zone, items) {
    zone.workers_routes = items;
  },
  build(raw, source) {
    const spec: WorkersRouteSpec = { pattern: String(raw.pattern), source };
    if (typeof raw.script === "string") spec.script = raw.script;
    return spec;
  },
  fromSpec: (spec) => value(spec.pattern.trim(), spec.script),
  fromApi: (route) => value(String(route.pattern), route.script),
  toApi: (route) => (route.script ? { pattern: route.pattern, script: route.script } : { pattern: route.pattern }),
  toYaml: (route) => (route.script ? { pattern: route.pattern, script: route.script } : { pattern: route.pattern }),
};
