// Puts a plan's changes together in the order they are shown and applied: zones created first,
// then per zone settings, DNS and firewall, then tunnel services.
import { changedFields, diffResources } from "./diff.ts";
import type { Ownership, Resource } from "./resources.ts";
import type { Change, KindId } from "./types.ts";

const kindOrder: Record<KindId, number> = { zone: 0, "zone-settings": 1, "dns-record": 2, "firewall-rule": 3, "tunnel-service": 4 };
const opOrder: Record<Change["op"], number> = { create: 1, replace: 1, update: 1, import: 1, delete: 0 };

export interface BuildInput {
  desired: Resource[];
  live: Resource[];
  ownership: Ownership;
  /** Zones missing from the account that the stack allows creating. */
  zonesToCreate?: string[];
}

export function buildChanges(input: BuildInput): Change[] {
  const creates: Change[] = (input.zonesToCreate ?? []).map((zone) => ({
    kind: "zone",
    id: zone,
    zone,
    op: "create",
    fields: ["name"],
    after: { name: zone },
  }));
  const changes = diffResources(input.desired, input.live, input.ownership);
  const position = new Map(input.desired.map((resource, index) => [resource.id, index]));
  changes.sort((a, b) => {
    const zone = (a.zone ?? "\uffff").localeCompare(b.zone ?? "\uffff");
    if (zone !== 0) return zone;
    const kind = kindOrder[a.kind] - kindOrder[b.kind];
    if (kind !== 0) return kind;
    if (a.kind === "firewall-rule") return (position.get(a.id) ?? 1e9) - (position.get(b.id) ?? 1e9);
    return opOrder[a.op] - opOrder[b.op] || a.id.localeCompare(b.id);
  });
  return [...creates, ...changes];
}

/** Desired objects that differ from a live one Cloudflare will not let us change: said, not planned. */
export function readOnlyWarnings(desired: Resource[], live: Resource[]): string[] {
  const readOnly = new Map(live.filter((resource) => resource.readOnly).map((resource) => [resource.key, resource]));
  const warnings: string[] = [];
  for (const want of desired) {
    const have = readOnly.get(want.key);
    if (!have) continue;
    const fields = changedFields(have.value, want.value);
    if (fields.length > 0) warnings.push(`${want.id} is read-only in Cloudflare, so its ${fields.join(", ")} cannot be changed; left as it is`);
  }
  return warnings;
}
