// Authentication and throttling for the endpoints that change something.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-util.ts";

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

export interface RateLimiter {
  /** Counts one attempt; throws 429 (with Retry-After) when the key is over its budget. */
  take(key: string, now?: number): void;
}

/** A sliding window of `max` attempts per `windowMs` per key (the client address). */
export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const attempts = new Map<string, number[]>();
  return {
    take(key, now = Date.now()) {
      const recent = (attempts.get(key) ?? []).filter((time) => now - time < windowMs);
      if (recent.length >= max) {
        const retryAfter = Math.max(1, Math.ceil((windowMs - (now - (recent[0] ?? now))) / 1000));
        attempts.set(key, recent);
        throw new HttpError(429, "rate-limited", `too many requests: at most ${max} per ${windowMs / 1000} s`, { "Retry-After": String(retryAfter) });
      }
      recent.push(now);
      attempts.set(key, recent);
      if (attempts.size > 1000) for (const [k, times] of attempts) if (times.every((time) => now - time >= windowMs)) attempts.delete(k);
    },
  };
}
