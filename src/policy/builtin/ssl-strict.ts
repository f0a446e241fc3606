// With "off" or "flexible", Cloudflare talks plain HTTP to the origin while the visitor sees a padlock.
import { definePolicy } from "../define-policy.ts";
import { settingResource, settingSource, zoneHasProxiedTraffic } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface SslStrictParams {
  allowed: string[];
}

export const sslStrict = definePolicy<SslStrictParams>({
  id: "ssl-strict",
  description: "A zone with proxied records must set ssl to full or strict",
  level: "mandatory",
  remediation: "set settings.ssl: strict (install a Cloudflare origin certificate on the origin), or full",
  paramsSchema: {
    type: "object",
    properties: { allowed: { type: "array", items: { enum: ["off", "flexible", "full", "strict"] }, minItems: 1, default: ["full", "strict"] } },
    additionalProperties: false,
  },
  tightening: { allowed: "subset" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      const value = zone.settings?.values.ssl;
      // Not managed by the file: nothing to judge (documented); only an explicit weak mode fails.
      if (value === undefined || params.allowed.includes(String(value))) continue;
      if (!zoneHasProxiedTraffic(desired, zone)) continue;
      findings.push({
        resource: settingResource(zone, "ssl"),
        message: `${zone.zone} proxies traffic with ssl: ${String(value)}; allowed: ${params.allowed.join(", ")}`,
        source: settingSource(zone, "ssl"),
      });
    }
    return findings;
  },
});
