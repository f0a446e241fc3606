// Audit-log rows (v2: GET /accounts/{id}/logs/audit; v1: GET /accounts/{id}/audit_logs) -> records.
// Failed actions and views change nothing and are dropped. The actor is the email, else the API
// token's name (an account-owned token has no email), else the actor id.
import type { AuditRecord } from "./types.ts";

type Row = Record<string, unknown>;

function obj(value: unknown): Row {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Row) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function record(fields: Omit<AuditRecord, "ip" | "zone"> & { ip: string | undefined; zone: string | undefined }): AuditRecord {
  const { ip, zone, ...rest } = fields;
  return { ...rest, ...(ip ? { ip } : {}), ...(zone ? { zone } : {}) };
}

export function fromV2(row: Row): AuditRecord | undefined {
  const action = obj(row.action);
  const actor = obj(row.actor);
  const resource = obj(row.resource);
  const type = str(action.type);
  const id = str(resource.id);
  const at = str(action.time);
  if (!type || type === "view" || action.result === "failure" || !id || !at) return undefined;
  // One live sample carries actor.token {id, name} instead of token_id / token_name.
  const tokenName = str(actor.token_name) ?? str(obj(actor.token).name);
  return record({
    actor: str(actor.email) ?? tokenName ?? str(actor.id) ?? "unknown",
    at, action: type,
    via: actor.context === "dash" ? "dashboard" : "api",
    ip: str(actor.ip_address),
    resourceId: id, resourceType: str(resource.type) ?? "",
    zone: str(obj(row.zone).name),
  });
}

/** v1 action names (DNS's rec_add/rec_set/rec_del) in v2's words. */
const v1Actions: Record<string, string> = { rec_add: "create", rec_set: "update", rec_del: "delete", add: "create", change_setting: "update" };

export function fromV1(row: Row): AuditRecord | undefined {
  const action = obj(row.action);
  const actor = obj(row.actor);
  const resource = obj(row.resource);
  const type = str(action.type);
  const id = str(resource.id);
  const at = str(row.when);
  if (!type || action.result === false || !id || !at) return undefined;
  return record({
    actor: str(actor.email) ?? str(actor.id) ?? "unknown",
    at, action: v1Actions[type] ?? type,
    via: String(row.interface ?? "").toUpperCase() === "UI" ? "dashboard" : "api",
    ip: str(actor.ip),
    resourceId: id, resourceType: str(resource.type) ?? "",
    zone: str(obj(row.metadata).zone_name),
  });
}
