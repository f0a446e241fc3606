// A zone file is named after its zone, a service file after its service; each zone once.
import { basename, extname } from "node:path";
import type { FilePlacement, StateRule, ZoneRule } from "../../kinds/kind.ts";
import type { ZoneSpec } from "../types.ts";

function stem(file: string): string {
  return basename(file, extname(file)).toLowerCase();
}

export const zoneFileNameRule: ZoneRule = {
  name: "zone-file-name",
  check({ zone, locate }, report) {
    if (stem(zone.file) === zone.zone) return;
    report(
      { code: "zone-file-name-mismatch", message: `the file is named ${basename(zone.file)} but declares zone ${zone.zone}`, hint: `rename the file to ${zone.zone}.yaml or fix \`zone:\`` },
      locate(zone, "zone"),
    );
  },
};

export const zoneOnceRule: StateRule = {
  name: "zone-once",
  check({ state, locate }, report) {
    const seen = new Map<string, ZoneSpec>();
    for (const zone of state.zones) {
      const first = seen.get(zone.zone);
      if (!first) {
        seen.set(zone.zone, zone);
        continue;
      }
      report({ code: "zone-duplicate", message: `zone ${zone.zone} is already declared in ${first.file}`, hint: "keep each zone in one file" }, locate(zone, "zone"));
    }
  },
};

/** Each kind with files of its own: a file is named after the object it declares (services/grafana.yaml). */
export function ownFileNameRule(placement: FilePlacement): StateRule {
  const key = placement.nameKey;
  return {
    name: `${key}-file-name`,
    check({ state, locate }, report) {
      for (const spec of placement.all(state)) {
        const { name, file } = placement.nameOf(spec);
        if (stem(file) === name) continue;
        report(
          { code: `${key}-file-name-mismatch`, message: `the file is named ${basename(file)} but declares ${key} ${name}`, hint: `rename the file to ${name}.yaml or fix \`${key}:\`` },
          locate(spec as object, key),
        );
      }
    },
  };
}
