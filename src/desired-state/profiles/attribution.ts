// A problem found at a profile's position while checking a zone says which zone: the same profile
// line can be fine in one zone and wrong in another. Found for several zones, it is one diagnostic
// naming them all, not one per zone.
import { diagnostic, type Report } from "../../kinds/kind.ts";
import type { Diagnostic } from "../types.ts";

const shownZones = 5;

export function appliedTo(message: string, zones: readonly string[]): string {
  const named = zones.length > shownZones ? `${zones.slice(0, shownZones).join(", ")} and ${zones.length - shownZones} more` : zones.length > 1 ? `${zones.slice(0, -1).join(", ")} and ${zones.at(-1)!}` : zones[0]!;
  return `${message} (applied to zone${zones.length > 1 ? "s" : ""} ${named})`;
}

export class ZoneAttribution {
  readonly #seen = new Map<string, { diagnostic: Diagnostic; message: string; zones: string[] }>();

  readonly #diagnostics: Diagnostic[];
  readonly #isProfileFile: (file: string) => boolean;

  constructor(diagnostics: Diagnostic[], isProfileFile: (file: string) => boolean) {
    this.#diagnostics = diagnostics;
    this.#isProfileFile = isProfileFile;
  }

  /** `report` for the checks of one zone: positions in a profile name the zone. */
  reportFor(zone: string, report: Report): Report {
    return (finding, at) => {
      if (!this.#isProfileFile(at.file)) return report(finding, at);
      const key = `${at.file}:${at.line}:${at.column}:${finding.code}:${finding.message}`;
      const seen = this.#seen.get(key);
      if (seen) {
        if (!seen.zones.includes(zone)) seen.zones.push(zone);
        seen.diagnostic.message = appliedTo(seen.message, seen.zones);
        return;
      }
      const found = diagnostic({ ...finding, message: appliedTo(finding.message, [zone]) }, at);
      this.#diagnostics.push(found);
      this.#seen.set(key, { diagnostic: found, message: finding.message, zones: [zone] });
    };
  }
}
