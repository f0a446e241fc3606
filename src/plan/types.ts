// The Plan/Change model shared by both engines (DESIGN §10), and the outcome of an apply.
import type { SourceLocation } from "../desired-state/types.ts";

export type KindId = "zone" | "dns-record" | "zone-settings" | "firewall-rule" | "tunnel-service";

export type ChangeOp = "create" | "update" | "delete" | "replace" | "import";

export interface Change {
  kind: KindId;
  /**
   * Stable identity. Formats:
   *  zone            example.com
   *  dns-record      example.com/dns/<relative name or @>/<TYPE>/<content key>
   *  zone-settings   example.com/settings/<setting>
   *  firewall-rule   example.com/firewall/<ref>
   *  tunnel-service  services/<service>
   */
  id: string;
  zone?: string;
  op: ChangeOp;
  before?: unknown; // normalised live (or state) value
  after?: unknown; // normalised desired value
  fields: string[]; // which fields differ (update/replace); all fields for create/delete
  source?: SourceLocation;
  /** Cloudflare's id of the live object, when one exists (record id, rule id, tunnel id). */
  cloudId?: string;
}

export interface Plan {
  stack: string;
  engine: "native" | "pulumi";
  commit?: string;
  changes: Change[];
  /** Non-fatal notes from planning (for example ignored read-only records). */
  warnings?: string[];
}

export type ChangeStatus = "applied" | "failed" | "skipped";

export interface ChangeOutcome {
  id: string;
  kind: KindId;
  op: ChangeOp;
  status: ChangeStatus;
  error?: string;
}

export interface ApplyResult {
  plan: Plan;
  /** "declined": the approve hook said no before any write. */
  status: "applied" | "no-changes" | "declined" | "failed";
  outcomes: ChangeOutcome[];
  error?: string;
  /** What to do about `error`, when known (for example after a rate limit). */
  errorHint?: string;
}
