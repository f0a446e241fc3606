// Authentication and throttling for the endpoints that change something. Failed authentications
// (a wrong token or signature; a missing one guesses nothing and is not counted) are counted per
// client address, and an address over its budget is refused before its credentials
// are even checked; requests that did authenticate have a budget of their own. So a stranger's
// failures never use up the admin's budget (unless both come through one untrusted proxy: see
// client-address.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-util.ts";
import { createSlidingWindow } from "./sliding-window.ts";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Constant-time comparison of two secrets of any length (hashing first equalises lengths). */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

/** Checks `Authorization: Bearer <token>`: 503 when no token is configured, 401 when absent or wrong. */
export function requireBearer(request: IncomingMessage, adminToken: string | undefined): void {
  if (!adminToken) throw new HttpError(503, "admin-disabled", "manual triggers are disabled: set CFGITOPS_ADMIN_TOKEN to enable them");
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !safeEqual(match[1], adminToken)) {
    throw new HttpError(401, "unauthorized", "missing or wrong bearer token", { "WWW-Authenticate": 'Bearer realm="cf-gitops"' });
  }
}

export interface Budget {
  max: number;
  windowMs: number;
}

function tooMany(budget: Budget, retryAfter: number, what: string): HttpError {
  return new HttpError(429, "rate-limited", `${what}: at most ${budget.max} per ${budget.windowMs / 1000} s`, { "Retry-After": String(retryAfter) });
}

export interface RateLimiter {
  /** Counts one attempt; throws 429 (with Retry-After) when the key is over its budget. */
  take(key: string, now?: number): void;
}

/** A sliding window of `max` attempts per `windowMs` per key. */
export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const window = createSlidingWindow({ windowMs, maxPerKey: max });
  return {
    take(key, now = Date.now()) {
      if (window.count(key, now) >= max) throw tooMany({ max, windowMs }, window.retryAfter(key, now), "too many requests");
      window.add(key, now);
    },
  };
}

export interface FailureThrottle {
  /** Throws 429 when the address failed to authenticate `max` times within the window. */
  check(address: string, now?: number): void;
  /** Counts one failed authentication of the address. */
  fail(address: string, now?: number): void;
}

export function createFailureThrottle(budget: Budget, maxAddresses = 10_000): FailureThrottle {
  const window = createSlidingWindow({ windowMs: budget.windowMs, maxPerKey: budget.max, maxKeys: maxAddresses });
  return {
    check(address, now = Date.now()) {
      if (window.count(address, now) >= budget.max) throw tooMany(budget, window.retryAfter(address, now), "too many failed authentications from this address");
    },
    fail: (address, now = Date.now()) => window.add(address, now),
  };
}
