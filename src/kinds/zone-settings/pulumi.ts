// Pulumi mapping of zone settings: one ZoneSetting resource per managed setting.
import type { ZoneSettingArgs } from "@pulumi/cloudflare";
import type { ZoneSettingValue, ZoneSettingsSpec } from "../../desired-state/types.ts";

export interface ZoneSettingEntry {
  setting: string;
  value: ZoneSettingValue;
}

/** Sorted by setting name, so the order of the YAML never matters. */
export function zoneSettingEntries(spec: ZoneSettingsSpec): ZoneSettingEntry[] {
  return Object.keys(spec.values)
    .sort()
    .map((setting) => ({ setting, value: spec.values[setting]! }));
}

export function zoneSettingArgs(zoneId: string, entry: ZoneSettingEntry): ZoneSettingArgs {
  return { zoneId, settingId: entry.setting, value: entry.value };
}

/** Provider inputs -> the setting's Change id and the value plans show. */
export function zoneSettingFromInputs(zone: string, inputs: Record<string, unknown>): { id: string; view: { value: unknown } } {
  return { id: `${zone}/settings/${String(inputs.settingId ?? "")}`, view: { value: inputs.value } };
}
