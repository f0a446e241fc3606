// The API-token permissions cf-gitops needs, from the registered kinds: what `doctor` probes, what
// `init` prints, and the least-permission table of docs/security.md. Names as Cloudflare's token
// page spells them (scope › group › level); the API's permission-group list says Write for Edit.
import type { KindDefinition, KindPermission } from "./kind.ts";
import { kinds } from "./registry.ts";

export type PermissionLevel = "Read" | "Edit";

/** Every zone-file kind lists the zones first. */
export const zonePermission: KindPermission = { scope: "Zone", group: "Zone" };

/** "Zone › Workers Routes › Edit", as the token page shows it. */
export function permissionName(permission: KindPermission, level: PermissionLevel): string {
  return `${permission.scope} › ${permission.group} › ${permission.readOnly ? "Read" : level}`;
}

/** "Workers Routes Write", as the API's permission groups name it. */
export function apiPermissionName(permission: KindPermission, level: PermissionLevel): string {
  return `${permission.api ?? permission.group} ${level === "Edit" && !permission.readOnly ? "Write" : "Read"}`;
}

function same(a: KindPermission, b: KindPermission): boolean {
  return a.scope === b.scope && a.group === b.group;
}

/** The distinct groups of the given kinds, zones first, then in registry order. */
export function permissionsOf(list: readonly KindDefinition[] = kinds): KindPermission[] {
  const out: KindPermission[] = [zonePermission];
  for (const permission of list.flatMap((kind) => kind.permissions)) {
    const index = out.findIndex((known) => same(known, permission));
    if (index < 0) out.push(permission);
    else if (out[index]!.readOnly && !permission.readOnly) out[index] = permission; // one kind reads it, another writes it
  }
  return out;
}

/** What `init` prints beside CLOUDFLARE_API_TOKEN: read the zones, edit what every kind writes. */
export function tokenHint(list: readonly KindDefinition[] = kinds): string {
  const [zones, ...rest] = permissionsOf(list);
  return `a token with ${[permissionName(zones!, "Read"), ...rest.map((permission) => permissionName(permission, "Edit"))].join(", ")}`;
}
