// Desired setting values -> the body of Cloudflare's bulk settings PATCH. The raw YAML value is
// sent (numbers stay numbers), not the canonical string used for comparison.
import type { ZoneSettingValue } from "../../desired-state/types.ts";

export function settingsPatchBody(changes: { setting: string; value: ZoneSettingValue }[]): {
  items: { id: string; value: ZoneSettingValue }[];
} {
  return { items: changes.map((change) => ({ id: change.setting, value: change.value })) };
}
