import type { KindDefinition } from "../kind.ts";
import { tlsVersionRule } from "./rules.ts";
import { zoneSettingsSchema } from "./schema.ts";

export const zoneSettingsKind: KindDefinition = {
  id: "zone-settings",
  title: "Zone settings",
  schema: zoneSettingsSchema,
  zoneRules: [tlsVersionRule],
  stateRules: [],
};
