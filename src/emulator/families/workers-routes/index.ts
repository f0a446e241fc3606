// Workers routes: /zones/{zone_id}/workers/routes (list, create, get, update, delete).
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily } from "../family.ts";
import { addWorkersRouteRoutes } from "./routes.ts";
import { workersRoutesSlice } from "./slice.ts";

const types = "cloudflare/resources/workers/routes.d.ts";

export const workersRoutesFamily: EmulatorFamily = {
  name: "workers-routes",
  routes: addWorkersRouteRoutes,
  slices: [workersRoutesSlice],
  audit: {
    workers_route: { product: "workers", type: "route", scope: "zones", noun: "Workers route", v1Type: "route", v1Actions: plainActions },
  },
  // not in the 2024 OpenAPI subset
  sdkTypes: {
    "GET /zones/{zone_id}/workers/routes": `RouteListResponse (${types})`,
    "POST /zones/{zone_id}/workers/routes": `RouteCreateResponse (${types})`,
    "GET /zones/{zone_id}/workers/routes/{route_id}": `RouteGetResponse (${types})`,
    "PUT /zones/{zone_id}/workers/routes/{route_id}": `RouteUpdateResponse (${types})`,
    "DELETE /zones/{zone_id}/workers/routes/{route_id}": `RouteDeleteResponse (${types})`,
  },
  exercise: () => import("./exercise.ts"),
};
