// The Plan/Change model shared by both engines (DESIGN §10), and the outcome of an apply.
import type { SourceLocation } from "../desired-state/types.ts";

/**
 * "zone" (a zone created because the stack allows it) or a registered kind's id. A plain string
 * here, so the kinds (which use the plan's types) and the core never import each other in a
 * cycle; `cf-gitops/policy` exports the registered ids as a union (src/policy/public.ts).
 */
export type KindId = string;

export type ChangeOp = "create" | "update" | "delete" | "replace" | "import";

export interface Change<Payload = unknown> {
  kind: KindId;
  /**
   * Stable identity. Formats:
   *  zone            example.com
   *  dns-record      example.com/dns/<relative name or @>/<TYPE>, and /<content key> when several
   *                  records share the name and type
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
  /** Native plans: what the write needs, typed by the kind's native adapter, so a saved plan applies alone. */
  payload?: Payload;
  /** Drift reports: who last changed the live object, from the account's audit log (issue 17). */
  changedBy?: ChangedBy;
}

/** The newest audit-log entry about a drifted object. */
export interface ChangedBy {
  /** The person's email, else the API token's name. */
  actor: string;
  /** When, ISO 8601. */
  at: string;
  /** create | update | delete (the audit log's action type). */
  action: string;
  via: "api" | "dashboard";
  ip?: string;
}

/** How a drift report's changes were attributed: said once per report. */
export interface DriftAttribution {
  /** Which audit log answered, or "none" when neither could be read. */
  source: "audit-log-v2" | "audit-log-v1" | "none";
  /** The window read: since the stack's previous drift or apply run. */
  since: string;
  /** Entries read (at most the page cap). */
  entries: number;
  /** Why attribution is unavailable, or that the log was cut at the page cap. */
  note?: string;
}

/** What a native plan read, so `apply FILE` can tell whether Cloudflare moved since. */
export interface PlanReads {
  /** kind -> the scopes read (zone names, tunnel ids). */
  scopes: Record<string, string[]>;
  /** kind -> names resolved before reading (tunnel name -> tunnel id). */
  resolved: Record<string, Record<string, string>>;
  /** kind -> scope -> claim detail: which live objects the plan owns. */
  owned: Record<string, Record<string, unknown>>;
  /** Live resource id -> fingerprint of what was read; "absent" for what a create expects not to exist. */
  fingerprints: Record<string, string>;
}

export interface Plan {
  stack: string;
  engine: "native" | "pulumi";
  commit?: string;
  /** The Cloudflare account the plan was made against, when known. */
  account?: string;
  changes: Change[];
  /** Non-fatal notes from planning (for example ignored read-only records). */
  warnings?: string[];
  reads?: PlanReads;
  /** Drift reports: where `changedBy` came from (absent when attribution did not run). */
  attribution?: DriftAttribution;
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
