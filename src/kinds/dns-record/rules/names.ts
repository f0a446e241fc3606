// An absolute record name (trailing dot) must be inside its zone. Names ending in another declared
// zone are checked across files (desired-state/rules/cross-zone-names.ts). Unicode names and host
// targets are stored in Punycode; a label with no Punycode form cannot be stored at all.
import type { ZoneRule } from "../../kind.ts";
import { unencodableLabels } from "../../shared/names.ts";
import { recordTypes } from "../record-types.ts";

export const namesRule: ZoneRule = {
  name: "dns-names",
  check({ zone, locate }, report) {
    const apex = zone.zone;
    for (const record of zone.dns ?? []) {
      const badName = unencodableLabels(record.name);
      if (badName.length > 0) {
        report(
          { code: "dns-name-invalid", message: `record name "${record.name}" has a label with no Punycode form: "${badName[0]}"`, hint: "IDNA allows letters of one script per label, and no right-to-left mixed with left-to-right; fix the spelling" },
          locate(record, "name"),
        );
      }
      const target = recordTypes[record.type].target;
      const host = target === "content" ? record.content : target === "data.target" ? record.data?.target : undefined;
      const badTarget = typeof host === "string" ? unencodableLabels(host) : [];
      if (badTarget.length > 0) {
        report(
          { code: "dns-target-invalid", message: `target "${String(host)}" has a label with no Punycode form: "${badTarget[0]}"`, hint: "fix the spelling of the host name" },
          locate(record, target === "content" ? "content" : ["data", "target"]),
        );
      }
      if (!record.name.trim().endsWith(".")) continue;
      if (record.fqdn === apex || record.fqdn.endsWith(`.${apex}`)) continue;
      report(
        { code: "dns-name-outside-zone", message: `record name "${record.name}" is outside the zone ${apex}`, hint: `use "@" or a name relative to ${apex}` },
        locate(record, "name"),
      );
    }
  },
};
