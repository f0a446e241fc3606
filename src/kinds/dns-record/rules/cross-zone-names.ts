// A relative record name ending in another declared zone ("www.example.net" in example.com
// becomes www.example.net.example.com) was meant for that other zone.
import type { StateRule } from "../../kind.ts";

function* suffixes(name: string): Generator<string> {
  for (let index = name.indexOf("."); index >= 0; index = name.indexOf(".", index + 1)) yield name.slice(index + 1);
  yield name;
}

export const crossZoneNamesRule: StateRule = {
  name: "dns-cross-zone-names",
  check({ state, locate }, report) {
    const zones = new Set(state.zones.map((zone) => zone.zone));
    if (zones.size < 2) return;
    for (const zone of state.zones) {
      for (const record of zone.dns ?? []) {
        const written = record.name.trim().toLowerCase();
        if (written.endsWith(".") || !written.includes(".")) continue;
        const other = [...suffixes(written)].find((suffix) => zones.has(suffix) && suffix !== zone.zone);
        if (!other) continue;
        report(
          { code: "dns-name-outside-zone", message: `record name "${record.name}" is in zone ${other}, not ${zone.zone}`, hint: `names are relative to the zone; declare this record in the ${other} file (or end the name with a dot)` },
          locate(record, "name"),
        );
      }
    }
  },
};
