// Each listed setting is one resource. Settings always exist in Cloudflare, so nothing is claimed:
// a setting that leaves the YAML stops being managed and is never "deleted".
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { settingFromSpec, type ZoneSettingValueNormalised } from "./normalise.ts";
import { zoneSettingsKindId } from "./normalise.ts";

export function settingResource(zone: string, setting: string, value: ZoneSettingValueNormalised): Resource {
  const id = `${zone}/settings/${setting}`;
  return { kind: zoneSettingsKindId, key: id, id, zone, scope: zone, value: { ...value } };
}

export function expandSettings(state: DesiredState, out: ExpandOutput): void {
  for (const zone of state.zones) {
    const settings = zone.settings;
    if (!settings) continue;
    for (const [setting, raw] of Object.entries(settings.values)) {
      const resource = settingResource(zone.zone, setting, settingFromSpec(raw));
      resource.raw = raw;
      resource.source = settings.sources[setting] ?? settings.source;
      out.resources.push(resource);
    }
  }
}

/** The setting's name, from its id (example.com/settings/ssl -> ssl). */
export function settingName(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}
