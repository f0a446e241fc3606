// Plain-HTTP requests should be redirected to HTTPS at the edge.
import { definePolicy } from "../define-policy.ts";
import { settingResource, settingSource, zoneHasProxiedTraffic } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface AlwaysUseHttpsParams {
  /** true: a zone that does not set always_use_https fails too (Cloudflare's default is off). */
  require_explicit: boolean;
}

export const alwaysUseHttps = definePolicy<AlwaysUseHttpsParams>({
  id: "always-use-https",
  description: "A zone that serves proxied traffic must set always_use_https: on",
  level: "advisory",
  remediation: "set settings.always_use_https: on",
  paramsSchema: {
    type: "object",
    properties: { require_explicit: { type: "boolean", default: true } },
    additionalProperties: false,
  },
  tightening: { require_explicit: "higher" },
  checkState(desired, { params }) {
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      if (!zoneHasProxiedTraffic(desired, zone)) continue;
      const value = zone.settings?.values.always_use_https;
      if (value === "on" || (value === undefined && !params.require_explicit)) continue;
      findings.push({
        resource: settingResource(zone, "always_use_https"),
        message: value === undefined
          ? `${zone.zone} does not set always_use_https (Cloudflare's default is off)`
          : `${zone.zone} sets always_use_https: ${String(value)}`,
        source: settingSource(zone, "always_use_https"),
      });
    }
    return findings;
  },
});
