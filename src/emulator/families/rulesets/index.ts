// Zone rulesets: the phase entrypoints (what the native engine uses) and the by-id endpoints (what
// the Pulumi provider uses), one ruleset per phase and zone.
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily } from "../family.ts";
import { addRulesetRoutes } from "./routes.ts";
import { rulesetsSlice } from "./slice.ts";

export const rulesetsFamily: EmulatorFamily = {
  name: "rulesets",
  routes: addRulesetRoutes,
  slices: [rulesetsSlice],
  audit: {
    ruleset: { product: "rulesets", type: "ruleset", scope: "zones", noun: "ruleset", v1Type: "ruleset", v1Actions: plainActions },
  },
  exercise: () => import("./exercise.ts"),
};
