// What the audit log keeps per write, and what a handler reports about the change it made.

/**
 * The kind of resource an event is about: a key of some family's `audit` names (the registry's
 * AuditResource type is their union). The recorder refuses one no family declares.
 */
export type AuditResource = string;

export type AuditAction = "create" | "update" | "delete";

/** Reported by a handler for each resource it changed (a DNS batch reports one per record). */
export interface AuditEvent {
  action: AuditAction;
  resource: AuditResource;
  id: string;
  zone?: { id: string; name: string };
  /** The value before the change (updates and deletes). */
  before?: unknown;
  /** The value after the change (creates and updates). */
  after?: unknown;
  /** The request body that asked for it, when it is not simply `after`. */
  request?: unknown;
}

export type AuditVia = "api" | "dashboard";

export interface AuditActor {
  email: string;
  /** 32-hex user id derived from the email, stable across runs. */
  userId: string;
  ip: string;
  via: AuditVia;
  /** Set for API-token requests (not dashboard ones). */
  tokenId?: string;
  tokenName?: string;
}

export interface AuditRequest {
  method: string;
  /** The path below /client/v4, as Cloudflare's raw.uri gives it. */
  uri: string;
  status: number;
  rayId: string;
  userAgent: string;
}

/** One stored entry; the v2 and v1 endpoints render it in their own shapes. */
export interface AuditEntry extends AuditEvent {
  /** A UUID, as Cloudflare's audit log ids are. */
  entryId: string;
  time: string;
  actor: AuditActor;
  http: AuditRequest;
}
