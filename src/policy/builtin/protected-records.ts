// Some records carry the whole zone (apex, www, mail, delegation): changing them must be deliberate.
import picomatch from "picomatch";
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";
import type { Change } from "../../plan/types.ts";
import { shownValue } from "../../plan/shown-value.ts";
import { dnsChangeContent, parseDnsChangeId } from "./plan-facts.ts";

export interface ProtectedSelector {
  name?: string; // glob on the relative name, "@" = apex
  type?: string;
}

export interface ProtectedRecordsParams {
  records: ProtectedSelector[];
  ops: ("delete" | "update" | "replace")[];
}

export const protectedRecords = definePolicy<ProtectedRecordsParams>({
  id: "protected-records",
  description: "Deleting or changing protected DNS records (by default apex, www, MX and NS) needs an exemption",
  level: "mandatory",
  remediation: "if the change is intended, add a protected-records exemption for the record in policies/policy.yaml (with a reason and an expiry date)",
  paramsSchema: {
    type: "object",
    properties: {
      records: {
        type: "array",
        items: {
          type: "object",
          properties: { name: { type: "string" }, type: { type: "string" } },
          additionalProperties: false,
          minProperties: 1,
        },
        default: [{ name: "@" }, { name: "www" }, { type: "MX" }, { type: "NS" }],
      },
      ops: { type: "array", items: { enum: ["delete", "update", "replace"] }, default: ["delete", "update", "replace"] },
    },
    additionalProperties: false,
  },
  tightening: { records: "superset", ops: "superset" },
  checkPlan(plan, { params, desired }) {
    const selectors = params.records.map((s) => ({
      name: s.name === undefined ? () => true : picomatch(s.name, { dot: true, nocase: true }),
      type: s.type?.toUpperCase(),
    }));
    const findings: Finding[] = [];
    for (const change of plan.changes) {
      if (change.kind !== "dns-record" || !(params.ops as string[]).includes(change.op)) continue;
      const id = parseDnsChangeId(change.id);
      if (!id || !selectors.some((s) => s.name(id.name) && (s.type === undefined || s.type === id.type))) continue;
      const zoneSource = desired.zones.find((z) => z.zone === id.zone)?.source;
      const what = change.op === "update" ? `changes ${change.fields.join(", ") || "fields"} of` : `${change.op}s`;
      const trivial = metadataOnly(change);
      findings.push({
        resource: change.id,
        message: `plan ${what} protected record ${id.name} ${id.type} ${dnsChangeContent(change, id)} in ${id.zone}${trivial ? `: only ${trivial.what} differ${trivial.what.includes(" and ") ? "" : "s"} from Cloudflare (${trivial.live})` : ""}`,
        ...(trivial ? { remediation: `if Cloudflare is right, write the record as it is live (${trivial.live}), or let \`npx cf-gitops import --zone ${id.zone} --force\` write the zone file from Cloudflare; if the YAML is right, exempt the record in policies/policy.yaml` } : {}),
        // A deleted record has no YAML node any more: point at the zone file instead.
        ...((change.source ?? zoneSource) ? { source: change.source ?? zoneSource } : {}),
      });
    }
    return findings;
  },
});

const metadataFields = new Set(["comment", "ttl", "tags"]);

/**
 * An update that touches only the comment, TTL or tags (what adopting a record by hand usually
 * differs in): which, and what Cloudflare has ("ttl 3600, comment none").
 */
function metadataOnly(change: Change): { what: string; live: string } | undefined {
  if (change.op !== "update" || change.fields.length === 0 || !change.fields.every((field) => metadataFields.has(field))) return undefined;
  const live = change.before as Record<string, unknown> | undefined;
  const shown = (field: string) => {
    const value = live?.[field];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return `${field} none`;
    return `${field} ${shownValue(field, value, (v) => JSON.stringify(v))}`;
  };
  const names = change.fields.map((field) => (field === "ttl" ? "the TTL" : `the ${field}`));
  return { what: names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`, live: `live: ${change.fields.map(shown).join(", ")}` };
}
