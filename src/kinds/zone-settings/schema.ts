// JSON Schema of a zone file's `settings:` block: one property per curated setting.
import type { JsonSchema } from "../kind.ts";
import { settingSchema, zoneSettings } from "./settings.ts";

export const zoneSettingsSchema: JsonSchema = {
  title: "Zone settings",
  description: "Only the settings listed here are managed; the rest are left as they are.",
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(zoneSettings).map(([name, info]) => [name, settingSchema(info)])),
};
