// Identifiers in Cloudflare's formats: 32 lower-case hex characters, or a UUID for tunnels.
import { randomUUID } from "node:crypto";

/** randomUUID draws from a buffered entropy pool, which is much cheaper than randomBytes per id. */
export function hexId(): string {
  return randomUUID().replaceAll("-", "");
}

export function uuid(): string {
  return randomUUID();
}

export function isHexId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function nowIso(): string {
  return new Date().toISOString();
}
