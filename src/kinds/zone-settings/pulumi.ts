// The Pulumi engine's settings adapter: one ZoneSetting per managed setting. Creating one changes
// a value that always exists, so plans show it as an update; deleting one only drops it from
// Pulumi's state (the provider's delete is a no-op), so a setting that leaves the YAML stops being
// managed and the plan says so, as the native engine does.
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { decodeLogicalName, encodeLogicalName } from "../../engines/pulumi/names.ts";
import { settingName, settingResource } from "./expand.ts";
import { canonicalSetting, settingFromLive } from "./normalise.ts";
import { zoneSettingsKindId } from "./normalise.ts";
import type { ZoneSettingValue } from "./spec.ts";
import { compareText } from "../../shared/compare-text.ts";

/**
 * The value sent: the state's own when it means the same (Cloudflare's 14400 for the YAML's
 * "14400"), because the provider tells a string from a number and would update it forever.
 */
export function settingValue(desired: ZoneSettingValue, held: unknown): ZoneSettingValue {
  return held !== undefined && held !== null && canonicalSetting(held) === canonicalSetting(desired) ? (held as ZoneSettingValue) : desired;
}

export const pulumi: PulumiAdapter = {
  kind: zoneSettingsKindId,
  type: "cloudflare:index/zoneSetting:ZoneSetting",
  shape: "single",
  createIsUpdate: true,
  adoptIgnoring: ["value", "enabled"],
  logicalName: (resource) => encodeLogicalName(resource.id),
  declare(resources, ctx) {
    const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs.value]));
    // sorted by setting, so the order of the YAML never matters
    for (const resource of [...resources].sort((a, b) => compareText(a.id, b.id))) {
      const name = encodeLogicalName(resource.id);
      const args = { zoneId: ctx.zoneId(resource.zone!), settingId: settingName(resource.id), value: settingValue(resource.raw as ZoneSettingValue, held.get(name)) };
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
  forgets: (name) =>
    `${decodeLogicalName(name)} is no longer in the zone file: cf-gitops stops managing it and Cloudflare keeps its current value (a zone setting cannot be deleted)`,
};
