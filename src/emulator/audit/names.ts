// How a resource appears in the audit logs (v2 product/type/scope, v1 type and action names).
// Each family declares its own (families/<family>/index.ts, `audit`); these are the shared parts.
// Cloudflare documents the fields, not their values: v1's "DNS_record" rec_add / rec_set / rec_del
// and zone settings' "change_setting" come from the v1 types of a public Slack integration of
// Cloudflare's audit log; the other names are the emulator's own. Clients match entries on the
// resource id first and use these names only to narrow.
import type { AuditAction } from "./types.ts";

export interface AuditNames {
  /** v2 resource.product */
  product: string;
  /** v2 resource.type */
  type: string;
  /** v2 resource.scope */
  scope: "zones" | "accounts";
  /** Noun for action.description, e.g. "DNS record". */
  noun: string;
  v1Type: string;
  v1Actions: Record<AuditAction, string>;
}

/** v1 actions that are the plain verbs. */
export const plainActions: Record<AuditAction, string> = { create: "create", update: "update", delete: "delete" };

const verbs: Record<AuditAction, string> = { create: "Create", update: "Update", delete: "Delete" };

export function describeAction(action: AuditAction, names: AuditNames): string {
  return `${verbs[action]} ${names.noun}`;
}

/** The names of an entry's resource; an unregistered one is the emulator's bug, not the client's. */
export function namesOf(table: ReadonlyMap<string, AuditNames>, resource: string): AuditNames {
  const names = table.get(resource);
  if (!names) throw new Error(`audit resource "${resource}" is not declared by any emulator family`);
  return names;
}
