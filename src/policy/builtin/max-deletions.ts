// The classic bad merge empties a zone file; without a guard the next apply deletes the zone's DNS.
// Thresholds follow octoDNS (30% of existing records, only once there are at least 10 of them),
// counted here in deletions, with an optional absolute cap.
import { definePolicy } from "../define-policy.ts";
import type { Change } from "../../plan/types.ts";
import type { Finding } from "../types.ts";
import { changeZone, desiredObjectCount, parseDnsChangeId } from "./plan-facts.ts";

export interface MaxDeletionsParams {
  max_percent: number;
  min_deletions: number;
  max_count?: number;
}

/** A DNS delete paired with a create at the same name and type is a content change, not a loss. */
function isReplacedContent(change: Change, creates: Set<string>): boolean {
  const id = parseDnsChangeId(change.id);
  return id !== undefined && creates.has(`${id.zone}/${id.name}/${id.type}`);
}

/** The group name findings use for the account's lists. */
export const accountLists = "account lists";

export const maxDeletions = definePolicy<MaxDeletionsParams>({
  id: "max-deletions",
  description: "A plan may not delete more than max_percent of a zone's managed objects (once it deletes at least min_deletions), nor more than max_count",
  level: "mandatory",
  remediation: "check that the zone file was not emptied or truncated by a merge; if the deletions are intended, add a max-deletions exemption for the zone in policies/policy.yaml",
  paramsSchema: {
    type: "object",
    properties: {
      max_percent: { type: "number", minimum: 0, maximum: 100, default: 30 },
      min_deletions: { type: "integer", minimum: 1, default: 10 },
      max_count: { type: "integer", minimum: 0 },
    },
    additionalProperties: false,
  },
  tightening: { max_percent: "lower", min_deletions: "lower", max_count: "lower" },
  checkPlan(plan, { params, desired }) {
    const creates = new Set<string>();
    for (const change of plan.changes) {
      const id = change.kind === "dns-record" && change.op === "create" ? parseDnsChangeId(change.id) : undefined;
      if (id) creates.add(`${id.zone}/${id.name}/${id.type}`);
    }
    const perZone = new Map<string, { deletes: Change[]; creates: number }>();
    for (const change of plan.changes) {
      // Account lists are one more group: any list file owns the account's lists, so a bad merge
      // that drops list files would delete the others (read_only ones excepted).
      const zone = change.kind === "list" ? accountLists : changeZone(change);
      if (zone === undefined || change.kind === "zone-settings") continue;
      const entry = perZone.get(zone) ?? { deletes: [], creates: 0 };
      if (change.op === "create") entry.creates += 1;
      if (change.op === "delete" && !isReplacedContent(change, creates)) entry.deletes.push(change);
      perZone.set(zone, entry);
    }
    const findings: Finding[] = [];
    const counts = new Map<string, { deleted: number; managed: number }>();
    for (const [zone, { deletes, creates: created }] of perZone) {
      const deleted = deletes.length;
      if (deleted === 0) continue;
      // Live objects before the change: what stays (desired minus new) plus what goes.
      const desiredCount = zone === accountLists ? (desired.lists ?? []).filter((list) => !list.read_only).length : desiredObjectCount(desired, zone);
      const managed = Math.max(desiredCount - created, 0) + deleted;
      counts.set(zone, { deleted, managed });
      const why = overLimit(deleted, managed, params);
      if (!why) continue;
      findings.push({
        resource: zone,
        message: `plan deletes ${deleted} of ${managed} managed objects in ${zone} (${percent(deleted, managed)}), ${why}`,
        source: deletes.find((d) => d.source)?.source ?? desired.zones.find((z) => z.zone === zone)?.source ?? desired.lists?.[0]?.source,
      });
    }
    // A profile's edit is one change in every zone that uses it: those zones are also judged together.
    for (const profile of desired.profiles ?? []) {
      if (profile.usedBy.length < 2 || profile.usedBy.some((zone) => findings.some((f) => f.resource === zone))) continue;
      const of = (zone: string) => counts.get(zone) ?? { deleted: 0, managed: Math.max(desiredObjectCount(desired, zone) - (perZone.get(zone)?.creates ?? 0), 0) };
      const total = profile.usedBy.map(of).reduce((sum, zone) => ({ deleted: sum.deleted + zone.deleted, managed: sum.managed + zone.managed }), { deleted: 0, managed: 0 });
      const why = total.deleted > 0 ? overLimit(total.deleted, total.managed, params) : undefined;
      if (!why) continue;
      findings.push({
        resource: `profiles/${profile.name}`,
        message: `plan deletes ${total.deleted} of ${total.managed} managed objects in the ${profile.usedBy.length} zones that use profile ${profile.name} (${percent(total.deleted, total.managed)}), ${why}`,
        source: profile.source,
      });
    }
    return findings;
  },
});

function percent(deleted: number, managed: number): string {
  return `${((deleted * 100) / managed).toFixed(0)}%`;
}

/** Why `deleted` of `managed` is too many, or undefined. */
function overLimit(deleted: number, managed: number, params: MaxDeletionsParams): string | undefined {
  const overPercent = deleted >= params.min_deletions && (deleted * 100) / managed > params.max_percent;
  const overCount = params.max_count !== undefined && deleted > params.max_count;
  if (overPercent) return `more than ${params.max_percent}%`;
  return overCount ? `more than max_count ${params.max_count}` : undefined;
}
