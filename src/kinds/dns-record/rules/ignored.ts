// A declared record that also matches an `ignore:` pattern would never be managed.
import picomatch from "picomatch";
import type { ZoneRule } from "../../kind.ts";
import { toRelative } from "../identity.ts";

export const ignoredRule: ZoneRule = {
  name: "dns-ignored",
  check({ zone, locate }, report) {
    if (zone.ignore.length === 0) return;
    const patterns = zone.ignore.map((pattern) => ({ pattern, match: picomatch(pattern.name.toLowerCase(), { dot: true }) }));
    for (const record of zone.dns ?? []) {
      const name = toRelative(record.fqdn, zone.zone);
      const hit = patterns.find(({ pattern, match }) => (!pattern.type || pattern.type === record.type) && match(name));
      if (!hit) continue;
      report(
        { code: "dns-record-ignored", severity: "warning", message: `record ${name} ${record.type} matches the ignore pattern "${hit.pattern.name}" and will not be managed`, hint: "remove the record or narrow the ignore pattern" },
        locate(record),
      );
    }
  },
};
