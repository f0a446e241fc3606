// The Pulumi engine's settings adapter: one ZoneSetting per managed setting. Creating one changes
// a value that always exists, so plans show it as an update.
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { decodeLogicalName, encodeLogicalName } from "../../engines/pulumi/names.ts";
import { settingName, settingResource } from "./expand.ts";
import { settingFromLive } from "./normalise.ts";
import { zoneSettingsKindId } from "./normalise.ts";
import type { ZoneSettingValue } from "./spec.ts";

export const pulumi: PulumiAdapter = {
  kind: zoneSettingsKindId,
  type: "cloudflare:index/zoneSetting:ZoneSetting",
  shape: "single",
  createIsUpdate: true,
  logicalName: (resource) => encodeLogicalName(resource.id),
  declare(resources, ctx) {
    // sorted by setting, so the order of the YAML never matters
    for (const resource of [...resources].sort((a, b) => a.id.localeCompare(b.id))) {
      const name = encodeLogicalName(resource.id);
      const args = { zoneId: ctx.zoneId(resource.zone!), settingId: settingName(resource.id), value: resource.raw as ZoneSettingValue };
      new ctx.cloudflare.ZoneSetting(name, args, ctx.opts(name));
    }
    return {};
  },
  fromState(name, state) {
    if (!state) return [];
    const id = decodeLogicalName(name);
    return [settingResource(id.split("/")[0] ?? "", settingName(id), settingFromLive({ value: state.value }))];
  },
  importId: (name, live, ctx) => (live[0] ? `${ctx.zoneId(live[0].zone!)}/${settingName(decodeLogicalName(name))}` : undefined),
};
