// A zone setting's value, compared in one canonical form: "on"/"off" and numbers as strings
// equal what Cloudflare returns, so a setting already at its desired value never shows a diff.
import type { ZoneSettingValue } from "./spec.ts";

export const zoneSettingsKindId = "zone-settings" as const;

export interface ZoneSettingValueNormalised {
  value: ZoneSettingValue | undefined;
}

/** Canonical comparable form: booleans as on/off, everything else as its string form. */
export function canonicalSetting(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function settingFromSpec(value: ZoneSettingValue): ZoneSettingValueNormalised {
  return { value: canonicalSetting(value) };
}

/** From one entry of `GET /zones/{id}/settings` ({ id, value, editable, modified_on }). */
export function settingFromLive(entry: Record<string, unknown>): ZoneSettingValueNormalised {
  return { value: canonicalSetting(entry.value) };
}

/** Settings Cloudflare will not let us change are never diffed. */
export function isSettingEditable(entry: Record<string, unknown>): boolean {
  return entry.editable !== false;
}
