// A CNAME into one of your own zones at a name that will not exist answers NXDOMAIN; with a plan,
// this also catches deleting a name that other records still point at.
import picomatch from "picomatch";
import type { DesiredState, ZoneSpec } from "../../desired-state/types.ts";
import { canonicalHost, toRelative } from "../../kinds/dns-record/identity.ts";
import { definePolicy } from "../define-policy.ts";
import { recordResource, zoneOf } from "../resources.ts";
import type { Finding } from "../types.ts";
import { parseDnsChangeId } from "./plan-facts.ts";

export interface DanglingParams {
  /** Target names (FQDN globs) that exist outside cf-gitops' view, e.g. records managed by hand. */
  ignore_targets: string[];
}

function namesThatExist(desired: DesiredState): Set<string> {
  const names = new Set<string>();
  for (const zone of desired.zones) for (const record of zone.dns ?? []) names.add(record.fqdn);
  for (const service of desired.services) names.add(canonicalHost(service.hostname));
  return names;
}

function coveredByWildcard(names: Set<string>, target: string): boolean {
  const labels = target.split(".");
  for (let i = 1; i < labels.length; i++) if (names.has(`*.${labels.slice(i).join(".")}`)) return true;
  return false;
}

function ignoredInZone(zone: ZoneSpec, target: string): boolean {
  const relative = toRelative(target, zone.zone);
  return zone.ignore.some((pattern) => picomatch(pattern.name, { dot: true, nocase: true })(relative));
}

export const noDanglingCname = definePolicy<DanglingParams>({
  id: "no-dangling-cname",
  description: "A CNAME that points into a managed zone must point at a name that exists there (checked on the state, and on the plan's deletions)",
  level: "mandatory",
  remediation: "add the target record, point the CNAME elsewhere, or remove the CNAME together with its target",
  paramsSchema: {
    type: "object",
    properties: { ignore_targets: { type: "array", items: { type: "string" }, default: [] } },
    additionalProperties: false,
  },
  tightening: { ignore_targets: "subset" },
  checkState(desired, { params, plan }) {
    const names = namesThatExist(desired);
    const ignored = picomatch(params.ignore_targets.length ? params.ignore_targets : ["\0"], { dot: true, nocase: true });
    const deletedByPlan = new Set<string>();
    for (const change of plan?.changes ?? []) {
      const id = change.kind === "dns-record" && change.op === "delete" ? parseDnsChangeId(change.id) : undefined;
      if (id) deletedByPlan.add(id.name === "@" ? id.zone : `${id.name}.${id.zone}`);
    }
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      for (const record of zone.dns ?? []) {
        if (record.type !== "CNAME" || !record.content) continue;
        const target = canonicalHost(record.content);
        const targetZone = zoneOf(desired, target);
        // Only zones whose DNS this repository owns can be judged.
        if (!targetZone || targetZone.dns === undefined) continue;
        if (names.has(target) || coveredByWildcard(names, target) || ignoredInZone(targetZone, target) || ignored(target)) continue;
        const why = deletedByPlan.has(target) ? "which this plan deletes" : `which does not exist in ${targetZone.zone}`;
        findings.push({
          resource: recordResource(zone, record),
          message: `${record.fqdn} CNAME points at ${target}, ${why}`,
          source: record.source,
        });
      }
    }
    return findings;
  },
});
