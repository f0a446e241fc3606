// The native engine's settings adapter: one read of every setting per zone, one PATCH per
// changed setting, sending the YAML's value in API form (numbers stay numbers).
import type { NativeAdapter } from "../../engines/native/adapter.ts";
import { call } from "../../engines/native/call.ts";
import type { Resource } from "../../plan/resources.ts";
import { settingName, settingResource } from "./expand.ts";
import { isSettingEditable, settingFromLive } from "./normalise.ts";
import { zoneSettingsKindId } from "./normalise.ts";
import type { ZoneSettingValue } from "./spec.ts";

export interface SettingPayload {
  setting: string;
  value: ZoneSettingValue;
}

/** `GET /zones/{id}/settings` entries ({ id, value, editable }) -> resources. */
export function settingsToResources(zone: string, entries: Record<string, unknown>[]): Resource[] {
  return entries.map((entry) => {
    const resource = settingResource(zone, String(entry.id), settingFromLive(entry));
    resource.raw = entry.value;
    if (!isSettingEditable(entry)) resource.readOnly = true;
    return resource;
  });
}

export const native: NativeAdapter<SettingPayload> = {
  kind: zoneSettingsKindId,
  probe: ({ zone }, { client }) => call(`read settings of ${zone?.name ?? ""}`, () => client.get(`/zones/${zone?.id ?? ""}/settings`)),
  async readZone(zone, { client }) {
    const body = await call(`read settings of ${zone.name}`, () => client.get<{ result?: Record<string, unknown>[] }>(`/zones/${zone.id}/settings`));
    return { resources: settingsToResources(zone.name, Array.isArray(body.result) ? body.result : []) };
  },
  // v2 logs a setting by its name (type zone_setting); v1 as a change_setting on the zone.
  auditResource: ({ change }) => ({ id: settingName(change.id), types: ["zone_setting", "zone"], ...(change.zone ? { zone: change.zone } : {}) }),
  payload: ({ change, want }) => ({ setting: settingName(change.id), value: want?.raw as ZoneSettingValue }),
  writes(changes, ctx) {
    return changes.map((change) => ({
      changes: [change],
      run: () =>
        call(`change setting ${change.payload!.setting} of ${change.zone ?? ""}`, () =>
          ctx.client.zones.settings.edit(change.payload!.setting, { zone_id: ctx.zoneId(change.zone!), value: change.payload!.value } as never),
        ),
    }));
  },
};
