// TLS 1.0 and 1.1 are deprecated (RFC 8996); Cloudflare's default minimum is still 1.0.
import { definePolicy } from "../define-policy.ts";
import { settingResource, settingSource, zoneHasProxiedTraffic } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface MinTlsParams {
  minimum: "1.0" | "1.1" | "1.2" | "1.3";
}

export const minTlsVersion = definePolicy<MinTlsParams>({
  id: "min-tls-version",
  description: "A zone that serves proxied traffic must set min_tls_version to at least 1.2",
  level: "advisory",
  remediation: 'set settings.min_tls_version: "1.2" (or higher)',
  paramsSchema: {
    type: "object",
    properties: { minimum: { enum: ["1.0", "1.1", "1.2", "1.3"], default: "1.2" } },
    additionalProperties: false,
  },
  tightening: { minimum: "higher" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      if (!zoneHasProxiedTraffic(desired, zone)) continue;
      const value = zone.settings?.values.min_tls_version;
      const actual = value === undefined ? undefined : String(value);
      if (actual !== undefined && Number(actual) >= Number(params.minimum)) continue;
      findings.push({
        resource: settingResource(zone, "min_tls_version"),
        message: actual === undefined
          ? `${zone.zone} does not set min_tls_version (Cloudflare's default is 1.0); minimum is ${params.minimum}`
          : `${zone.zone} allows TLS ${actual}; minimum is ${params.minimum}`,
        remediation: `set settings.min_tls_version: "${params.minimum}"`,
        source: settingSource(zone, "min_tls_version"),
      });
    }
    return findings;
  },
});
