// The address a request comes from, for per-client budgets. X-Forwarded-For is anyone's to write,
// so it is read only when the connection comes from a proxy the operator named as trusted
// (CFGITOPS_TRUSTED_PROXIES); then the client is the right-most address that no trusted proxy added.
import type { IncomingMessage } from "node:http";

function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice("::ffff:".length) : lower;
}

/** "127.0.0.1, ::1" -> a set of addresses; empty or unset: trust no proxy. */
export function parseTrustedProxies(text: string | undefined): ReadonlySet<string> {
  return new Set((text ?? "").split(/[\s,]+/).filter(Boolean).map(normalise));
}

/** The address at the other end of a connection (an IPv4 address mapped into IPv6 as IPv4). */
export function peerAddress(socket: { remoteAddress?: string | undefined }): string {
  return normalise(socket.remoteAddress ?? "unknown");
}

export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = peerAddress(request.socket);
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers["x-forwarded-for"];
  // The last hops are the ones our proxies added; a long header is someone padding it.
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").slice(-32).map(normalise).filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) if (!trustedProxies.has(hops[index]!)) return hops[index]!;
  return hops[0] ?? peer;
}
