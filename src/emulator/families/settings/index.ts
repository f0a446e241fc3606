// Zone settings: GET all, GET one, PATCH one ({ value }), bulk PATCH ({ items: [{ id, value }] }).
import type { EmulatorFamily } from "../family.ts";
import { addSettingsRoutes } from "./routes.ts";
import { settingsSlice } from "./slice.ts";

export const settingsFamily: EmulatorFamily = {
  name: "settings",
  routes: addSettingsRoutes,
  slices: [settingsSlice],
  audit: {
    zone_setting: { product: "zone_settings", type: "zone_setting", scope: "zones", noun: "zone setting", v1Type: "zone", v1Actions: { create: "change_setting", update: "change_setting", delete: "change_setting" } },
  },
  exercise: () => import("./exercise.ts"),
};
