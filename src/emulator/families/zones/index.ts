// Zones: list (name and account filters, paging, order), get, create (account.id required).
import type { EmulatorFamily } from "../family.ts";
import { addZoneRoutes } from "./routes.ts";
import { zonesSlice } from "./slice.ts";

export const zonesFamily: EmulatorFamily = {
  name: "zones",
  routes: addZoneRoutes,
  slices: [zonesSlice],
  audit: {
    zone: { product: "zones", type: "zone", scope: "accounts", noun: "zone", v1Type: "zone", v1Actions: { create: "add", update: "update", delete: "purge" } },
  },
  exercise: () => import("./exercise.ts"),
};
