// Checks every account-scoped handler starts with, and the body check most writes share.
// (Zone-scoped handlers start with the zones family's requireZone.)
import { fail } from "./envelope.ts";
import { isHexId } from "./ids.ts";
import type { RequestContext } from "./router.ts";

/** Cloudflare's answer to a path id that is not an id. */
export function invalidIdentifier(ctx: RequestContext): never {
  throw fail(400, 7003, `Could not route to /client/v4${ctx.path}, perhaps your object identifier is invalid?`);
}

export function requireAccount(ctx: RequestContext): string {
  const id = ctx.params.account_id ?? "";
  if (!isHexId(id)) invalidIdentifier(ctx);
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
