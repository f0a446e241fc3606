// Which live resources the desired state owns: only owned ones can be deleted. A kind claims
// scopes when it expands (a zone whose file has `dns:`); its `owns` hook may still leave a claimed
// resource alone (an `ignore:` pattern).
import { kindById } from "../kinds/registry.ts";
import type { Ownership, Resource } from "./resources.ts";

export function ownsLive(ownership: Ownership, resource: Resource): boolean {
  if (resource.readOnly) return false;
  const claimed = ownership.get(resource.kind);
  if (!claimed?.has(resource.scope)) return false;
  return kindById(resource.kind)?.owns?.(resource, claimed.get(resource.scope)) ?? true;
}
