// Who made a request: a token mapped to a user (startEmulator({ users }), `--user TOKEN=EMAIL`),
// or the default API-token actor. A request with `cf-emulator-via: dashboard`, or a token mapped
// with via "dashboard", is logged as a dashboard change (actor.context "dash", v1 interface "UI").
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuditActor, AuditVia } from "./types.ts";

export interface UserMapping {
  email: string;
  /** The token's name in the audit log (default: "<email> API token"). */
  tokenName?: string;
  via?: AuditVia;
}

export type UsersOption = Record<string, string | UserMapping>;

export const defaultActorEmail = "api-token@emulator";
export const viaHeader = "cf-emulator-via";

function hex32(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "127.0.0.1";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

export function actorFor(req: IncomingMessage, token: string | undefined, users: UsersOption): AuditActor {
  const mapped = token === undefined ? undefined : users[token];
  const user: UserMapping = typeof mapped === "string" ? { email: mapped } : (mapped ?? { email: defaultActorEmail, tokenName: "emulator API token" });
  const header = String(req.headers[viaHeader] ?? "").toLowerCase();
  const via: AuditVia = header === "dashboard" || user.via === "dashboard" ? "dashboard" : "api";
  const actor: AuditActor = { email: user.email, userId: hex32(`user:${user.email}`), ip: clientIp(req), via };
  if (via === "api" && token !== undefined) {
    actor.tokenId = hex32(`token:${token}`);
    actor.tokenName = user.tokenName ?? `${user.email} API token`;
  }
  return actor;
}

/** Parses `TOKEN=EMAIL` (the CLI's --user); undefined when it is not of that form. */
export function parseUserFlag(value: string): [string, string] | undefined {
  const at = value.indexOf("=");
  if (at <= 0) return undefined;
  const token = value.slice(0, at);
  const email = value.slice(at + 1);
  return /^[^\s@]+@[^\s@]+$/.test(email) && !/\s/.test(token) ? [token, email] : undefined;
}
