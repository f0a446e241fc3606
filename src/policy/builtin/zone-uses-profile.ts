// A team's "every zone uses baseline-security": zones that do not name each required profile in
// `use:` (docs/profiles.md). Policies see the zones with their profiles merged in; this one also
// looks at which profiles a zone names.
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export interface ZoneUsesProfileParams {
  /** Profiles every zone must name in `use:`. */
  profiles: string[];
}

export const zoneUsesProfile = definePolicy<ZoneUsesProfileParams>({
  id: "zone-uses-profile",
  description: "Every zone names the required profiles in `use:`",
  level: "mandatory",
  remediation: "add the profile to the zone file's `use:` list, or exempt the zone with a reason",
  paramsSchema: {
    type: "object",
    properties: { profiles: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, default: [] } },
    additionalProperties: false,
  },
  tightening: { profiles: "superset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    const known = new Set((desired.profiles ?? []).map((profile) => profile.name));
    for (const zone of desired.zones) {
      const missing = params.profiles.filter((profile) => !(zone.use ?? []).includes(profile));
      if (missing.length === 0) continue;
      const unknown = missing.filter((profile) => !known.has(profile));
      findings.push({
        resource: zone.zone,
        message: `${zone.zone} does not use the required profile${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
        ...(unknown.length > 0 ? { remediation: `create desired-state/profiles/${unknown[0]!}.yaml (\`profile: ${unknown[0]!}\`), then add it to the zone's \`use:\`` } : {}),
        source: zone.source,
      });
    }
    return findings;
  },
});
