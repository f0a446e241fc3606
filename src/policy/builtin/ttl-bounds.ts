// Very short TTLs multiply resolver load and cost; very long ones make mistakes stick for days.
import { definePolicy } from "../define-policy.ts";
import { recordResource } from "../resources.ts";
import type { Finding } from "../types.ts";

export interface TtlBoundsParams {
  min: number;
  max: number;
}

export const ttlBounds = definePolicy<TtlBoundsParams>({
  id: "ttl-bounds",
  description: "Record TTLs must lie between a minimum and a maximum (ttl: auto always passes)",
  level: "advisory",
  remediation: "use ttl: auto, or a TTL inside the configured bounds",
  paramsSchema: {
    type: "object",
    properties: {
      min: { type: "integer", minimum: 30, default: 60 },
      max: { type: "integer", minimum: 30, default: 86400 },
    },
    additionalProperties: false,
  },
  tightening: { min: "higher", max: "lower" },
  checkState(desired, { params }) {
    if (params.min > params.max) throw new Error(`params.min (${params.min}) is greater than params.max (${params.max})`);
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const record of zone.dns ?? []) {
        // 1 is "automatic"; proxied records always use it at the edge.
        if (record.ttl === 1 || record.proxied) continue;
        if (record.ttl >= params.min && record.ttl <= params.max) continue;
        findings.push({
          resource: recordResource(zone, record),
          message: `${record.fqdn} ${record.type} has ttl ${record.ttl}, outside ${params.min}..${params.max}`,
          remediation: `use ttl: auto or a value between ${params.min} and ${params.max}`,
          source: record.source,
        });
      }
    }
    return findings;
  },
});
