// The `settings:` key of a zone file: only the settings listed are managed. Values are kept in
// Cloudflare's API form ("on"/"off", "1.2", numbers), with where each was written.
import type { SourceLocation } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import { fragment, isRecord, type ImportedSection, type ZonePlacement } from "../kind.ts";
import { zoneSettingsSchema } from "./schema.ts";
import { toApiValue, zoneSettings } from "./settings.ts";
import { compareText } from "../../shared/compare-text.ts";

export { zoneSettingsKindId } from "./normalise.ts";

export type ZoneSettingValue = string | number;

export interface ZoneSettingsSpec {
  /** Only listed settings are managed. Values use Cloudflare's API form ("on"/"off", "1.2", numbers). */
  values: Record<string, ZoneSettingValue>;
  sources: Record<string, SourceLocation>;
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: settings are not managed by this file */
    settings?: ZoneSettingsSpec;
  }
}

/** Transient settings that would make every later plan fight the dashboard. */
const skippedSettings = new Set(["development_mode"]);

/** Live settings worth writing into a zone file: curated, editable, with a value the schema accepts. */
function toYaml(live: Resource[]): ImportedSection {
  const written: Resource[] = [];
  const settings: Record<string, ZoneSettingValue> = {};
  for (const resource of [...live].sort((a, b) => compareText(a.id, b.id))) {
    const id = resource.id.slice(resource.id.lastIndexOf("/") + 1);
    const info = zoneSettings[id];
    const value = resource.raw;
    if (!info || skippedSettings.has(id) || resource.readOnly) continue;
    if (typeof value !== "string" && typeof value !== "number") continue;
    if (info.kind === "toggle" ? value !== "on" && value !== "off" : !(info.values ?? []).includes(value)) continue;
    settings[id] = value;
    written.push(resource);
  }
  return {
    keys: Object.keys(settings).length > 0 ? { settings } : {},
    written,
    summary: [],
    itemKey: (key, item) => (key === "settings" && typeof item === "string" ? item : undefined),
  };
}

export const settingsPlacement: ZonePlacement = {
  scope: "zone",
  keys: { settings: { description: "Zone settings; only what is listed is managed.", schema: fragment(zoneSettingsSchema), merge: { rule: "map" } } },
  build(raw, zone, ctx) {
    if (!isRecord(raw.settings) || ctx.failed("settings")) return;
    const values: ZoneSettingsSpec["values"] = {};
    const sources: ZoneSettingsSpec["sources"] = {};
    for (const [name, value] of Object.entries(raw.settings)) {
      values[name] = toApiValue(name, value);
      sources[name] = ctx.at(["settings", name]);
    }
    zone.settings = { values, sources, source: ctx.at(["settings"], { atKey: true }) };
    ctx.register(zone.settings, ["settings"], zone.settings.source);
  },
  count: (zone) => (zone.settings ? Object.keys(zone.settings.values).length : undefined),
  toYaml,
};
