// An origin rule that sends requests to a private address (10.0.0.0/8, a .local name, localhost,
// or a name whose records in the zone file are private) cannot work: Cloudflare's edge connects
// over the internet and cannot reach it. A tunnel service is the way to publish a private origin.
import { isIP } from "node:net";
import picomatch from "picomatch";
import type { ZoneSpec } from "../../desired-state/types.ts";
import { phaseRuleId } from "../../kinds/shared/ruleset-phase/phase.ts";
import { definePolicy } from "../define-policy.ts";
import { privateRangeOf } from "../net.ts";
import type { Finding } from "../types.ts";

export interface OriginPrivateParams {
  /** Host name suffixes that only resolve inside a private network. */
  private_suffixes: string[];
  /** Hosts (globs) accepted as reachable, e.g. a name that resolves publicly elsewhere. */
  allow_hosts: string[];
}

/** The A/AAAA contents the zone files give a name, when a managed zone holds it. */
function recordsOf(host: string, zones: readonly ZoneSpec[]): string[] | undefined {
  const zone = zones.find((candidate) => host === candidate.zone || host.endsWith(`.${candidate.zone}`));
  if (!zone?.dns) return undefined;
  const addresses = zone.dns.filter((record) => record.fqdn === host && (record.type === "A" || record.type === "AAAA")).map((record) => record.content ?? "");
  return addresses.length > 0 ? addresses : undefined;
}

function whyPrivate(host: string, params: OriginPrivateParams, zones: readonly ZoneSpec[]): string | undefined {
  if (isIP(host)) return privateRangeOf(host) ? `${host} is a private address (${privateRangeOf(host)})` : undefined;
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is this machine's own name`;
  const suffix = params.private_suffixes.find((candidate) => host.endsWith(candidate.startsWith(".") ? candidate : `.${candidate}`));
  if (suffix) return `${host} is under ${suffix}, a private suffix`;
  if (!host.includes(".")) return `${host} is a single-label (LAN) name`;
  const records = recordsOf(host, zones);
  if (records && records.every((address) => privateRangeOf(address) !== undefined)) return `${host}'s records in the zone file point at private addresses (${records.join(", ")})`;
  return undefined;
}

export const originRulePrivateHost = definePolicy<OriginPrivateParams>({
  id: "origin-rule-private-host",
  description: "Origin rules do not route to a private address, which Cloudflare's edge cannot reach",
  level: "mandatory",
  remediation: "publish a private origin through a tunnel (desired-state/services/), or route to a public host name",
  paramsSchema: {
    type: "object",
    properties: {
      private_suffixes: { type: "array", items: { type: "string" }, default: [".local", ".lan", ".internal", ".home.arpa", ".localdomain"] },
      allow_hosts: { type: "array", items: { type: "string" }, default: [] },
    },
    additionalProperties: false,
  },
  tightening: { private_suffixes: "superset", allow_hosts: "subset" },
  checkState(desired, { params }) {
    const allowed = picomatch(params.allow_hosts.length ? params.allow_hosts : ["\0"], { nocase: true, dot: true });
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const rule of zone.origin_rules ?? []) {
        const host = rule.origin?.host?.toLowerCase().replace(/\.$/, "");
        if (!rule.enabled || host === undefined || allowed(host)) continue;
        const why = whyPrivate(host, params, desired.zones);
        if (why) findings.push({ resource: phaseRuleId(zone.zone, "origin_rules", rule.ref), message: `origin rule ${rule.ref} in ${zone.zone} routes to ${host}: ${why}, which Cloudflare's edge cannot reach`, source: rule.source });
      }
    }
    return findings;
  },
});
