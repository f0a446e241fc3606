// The daemon's HTTP budgets, in one place (docs/daemon-http.md explains them to operators).
import type { Budget } from "./admin-auth.ts";

export interface HttpLimits {
  /** Failed authentications (bad token, bad or missing signature) per client address. */
  authFailures: Budget;
  /** Authenticated manual triggers, all admins together (runs coalesce anyway). */
  reconcile: Budget;
  /** Correctly signed webhook deliveries, all senders together (GitHub sends from many addresses). */
  webhook: Budget;
  /** Largest webhook body read. */
  webhookBytes: number;
  /** Webhook bodies read at the same time; more get 503 with Retry-After. */
  bodiesInFlight: number;
  /** Of those, how many one address may hold (slow senders cannot take every slot). */
  bodiesPerAddress: number;
  /** A webhook body still arriving after this is dropped, freeing its slot. */
  bodyTimeoutMs: number;
  /** Deliveries (ids and body hashes) remembered to refuse replays. */
  deliveryIds: number;
  /** Replayed deliveries answered per address; they never count against `webhook`. */
  duplicates: Budget;
  /** Open connections in all, and per address (a trusted proxy's connections are not capped per address). */
  maxConnections: number;
  connectionsPerAddress: number;
  /** A connection idle this long, or a request whose headers or body take longer, is closed. */
  idleTimeoutMs: number;
  /** Live-update streams one client may hold (of the 50 in all). */
  eventClientsPerAddress: number;
}

export const defaultHttpLimits: HttpLimits = {
  authFailures: { max: 10, windowMs: 60_000 },
  reconcile: { max: 30, windowMs: 60_000 },
  webhook: { max: 120, windowMs: 60_000 },
  // GitHub caps any webhook payload at 25 MB, but a push payload is a few KB for the pushes a
  // configuration repository sees (the commits and the paths they touch). 1 MiB holds pushes of
  // hundreds of commits; it is also nginx's default client_max_body_size, so a proxy in front
  // would refuse more anyway. A push over it gets 413 and is still applied: the next git poll
  // (poll_interval) sees the new head. With 4 bodies in flight, at most 4 MiB is ever buffered.
  webhookBytes: 1024 * 1024,
  bodiesInFlight: 4,
  bodiesPerAddress: 2,
  // GitHub gives up on a delivery after 10 s: a body that slow is someone holding a slot.
  bodyTimeoutMs: 10_000,
  deliveryIds: 1000,
  duplicates: { max: 30, windowMs: 60_000 },
  // A Pi serves a handful of browsers, Prometheus and GitHub; 20,000 idle sockets cost ~250 MB.
  maxConnections: 1024,
  connectionsPerAddress: 64,
  idleTimeoutMs: 10_000,
  eventClientsPerAddress: 5,
};

export function httpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  return { ...defaultHttpLimits, ...overrides };
}
