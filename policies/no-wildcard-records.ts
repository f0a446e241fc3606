// Example custom policy (see docs/policies.md, "Writing a custom policy").
// Wildcard records make every name under them resolve: typos reach your origin, and a forgotten
// wildcard CNAME to a third-party service invites subdomain takeover.
import { definePolicy, dnsRecordId } from "cf-gitops/policy";

export interface NoWildcardParams {
  /** Wildcard names (relative to the zone) that are allowed, e.g. "*.pages". */
  allow: string[];
}

export const noWildcardRecords = definePolicy<NoWildcardParams>({
  id: "no-wildcard-records",
  description: "DNS records may not use wildcard names (*) unless listed in params.allow",
  level: "advisory",
  remediation: "list the hostnames you serve explicitly, or add the wildcard name to params.allow with a comment saying why",
  paramsSchema: {
    type: "object",
    properties: { allow: { type: "array", items: { type: "string" }, default: [] } },
    additionalProperties: false,
  },
  checkState(desired, { params }) {
    return desired.zones.flatMap((zone) =>
      (zone.dns ?? [])
        .filter((record) => record.name.split(".").includes("*") && !params.allow.includes(record.name))
        .map((record) => ({
          resource: dnsRecordId(zone, record),
          message: `${record.fqdn} ${record.type} is a wildcard record`,
          source: record.source,
        })),
    );
  },
});
