// An absolute record name (trailing dot) must be inside its zone. Names ending in another declared
// zone are checked across files (desired-state/rules/cross-zone-names.ts).
import type { ZoneRule } from "../../kind.ts";

export const namesRule: ZoneRule = {
  name: "dns-names",
  check({ zone, locate }, report) {
    const apex = zone.zone;
    for (const record of zone.dns ?? []) {
      if (!record.name.trim().endsWith(".")) continue;
      if (record.fqdn === apex || record.fqdn.endsWith(`.${apex}`)) continue;
      report(
        { code: "dns-name-outside-zone", message: `record name "${record.name}" is outside the zone ${apex}`, hint: `use "@" or a name relative to ${apex}` },
        locate(record, "name"),
      );
    }
  },
};
