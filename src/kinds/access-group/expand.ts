// Group files -> one resource per managed group. Any group file claims the account's groups (the
// list kind's model), so a live group no file declares is deleted; read_only groups are left alone.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { accessScope } from "../shared/access/names.ts";
import { accessGroupKindId, groupFromSpec, groupId, type AccessGroupValue } from "./normalise.ts";

export function groupResource(value: AccessGroupValue): Resource {
  const id = groupId(value.name);
  return { kind: accessGroupKindId, key: id, id, scope: accessScope, value: { ...value } };
}

export function expandGroups(state: DesiredState, out: ExpandOutput): void {
  const groups = state.accessGroups ?? [];
  if (groups.length === 0) return;
  out.claim(accessGroupKindId, accessScope, groups.filter((group) => group.read_only).map((group) => group.group));
  for (const group of groups) {
    if (group.read_only) continue;
    const resource = groupResource(groupFromSpec(group));
    resource.source = group.source;
    out.resources.push(resource);
  }
}

/** A live group is ours unless a read_only file declares it. */
export function ownsGroup(resource: Resource, readOnly: unknown): boolean {
  return !(Array.isArray(readOnly) && readOnly.includes(resource.value.name));
}
