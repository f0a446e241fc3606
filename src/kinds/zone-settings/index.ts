// Zone settings: the `settings:` key of a zone file.
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandSettings } from "./expand.ts";
import { tlsVersionRule } from "./rules.ts";
import { zoneSettingsSchema } from "./schema.ts";
import { settingsPlacement, zoneSettingsKindId } from "./spec.ts";

export const zoneSettingsKind: KindDefinition<typeof zoneSettingsKindId, ZonePlacement> = {
  id: zoneSettingsKindId,
  title: "Zone settings",
  plural: "zone settings",
  placement: settingsPlacement,
  schema: zoneSettingsSchema,
  zoneRules: [tlsVersionRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandSettings(state, out),
  applyOrder: 1,
  permissions: [{ scope: "Zone", group: "Zone Settings" }],
  docs: {
    model: "map",
    what: "zone settings (only those listed)",
    owns: [["`settings:`", "the settings listed", "every other setting"]],
    pulumi: [["zone setting", "`cloudflare.ZoneSetting`", "`example.com/settings/ssl`"]],
    ids: [["zone setting", "`example.com/settings/<setting>`"]],
    calls: "zone settings",
    importNone: "only the settings it can write; no `settings:` key when there are none (a map claims only what it lists)",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
