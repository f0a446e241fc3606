// Lookups every zone- or account-scoped handler starts with.
import { fail } from "../envelope.ts";
import { isHexId } from "../ids.ts";
import type { RequestContext } from "../router.ts";
import type { Zone } from "../types.ts";

export function requireZone(ctx: RequestContext): Zone {
  const id = ctx.params.zone_id ?? "";
  if (!isHexId(id)) throw fail(400, 7003, `Could not route to /client/v4${ctx.path}, perhaps your object identifier is invalid?`);
  const zone = ctx.store.zones.get(id);
  if (!zone) throw fail(404, 1003, "Invalid or missing zone id.");
  return zone;
}

export function requireAccount(ctx: RequestContext): string {
  const id = ctx.params.account_id ?? "";
  if (!isHexId(id)) throw fail(400, 7003, `Could not route to /client/v4${ctx.path}, perhaps your object identifier is invalid?`);
  if (id !== ctx.store.accountId) throw fail(403, 10000, "Authentication error");
  return id;
}

export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw fail(400, 9207, "Request body is invalid: expected a JSON object");
  }
  return body as Record<string, unknown>;
}
