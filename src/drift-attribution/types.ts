// What attribution works with: the audit-log identity of a drifted object (given by its kind's
// native adapter), and one audit-log entry read into a shape both API versions fill.
import type { ChangedBy } from "../plan/types.ts";

/** How the audit log names a drifted object. */
export interface AuditRef {
  /** The audit log's resource id: a record id, a ruleset id, a setting name, a list or tunnel id. */
  id: string;
  /** Resource types (v2 and v1 spellings) an entry about this object may carry. */
  types: readonly string[];
  /** The zone name, for ids that repeat across zones (setting names). */
  zone?: string;
}

/** One audit-log entry, from v2 or v1. */
export interface AuditRecord extends ChangedBy {
  resourceId: string;
  resourceType: string;
  zone?: string;
}
