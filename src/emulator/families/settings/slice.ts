// The settings family's store slice (state file key `settings`): per zone, only the settings changed
// from their default.
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { StoredSetting } from "./types.ts";

export const settingsSlice = defineSlice<Map<string, Map<string, StoredSetting>>>({
  keys: ["settings"],
  create: () => new Map(),
  snapshot: (zones) => ({ settings: Object.fromEntries([...zones].map(([zoneId, settings]) => [zoneId, Object.fromEntries(settings)])) }),
  load(zones, snapshot) {
    for (const [zoneId, settings] of Object.entries((snapshot.settings as Record<string, Record<string, StoredSetting>> | undefined) ?? {})) zones.set(zoneId, new Map(Object.entries(settings)));
  },
});

/** A zone's changed settings, by setting id (created empty for a zone without any). */
export function zoneSettings(store: EmulatorStore, zoneId: string): Map<string, StoredSetting> {
  const zones = store.slice(settingsSlice);
  let settings = zones.get(zoneId);
  if (!settings) zones.set(zoneId, (settings = new Map()));
  return settings;
}
