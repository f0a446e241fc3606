// Bearer-token auth as Cloudflare answers it: no token -> 401, a token it does not accept -> 403.
import { ApiFailure } from "./envelope.ts";

/** Returns the bearer token, or throws Cloudflare's error for a missing, malformed or refused one. */
export function checkAuth(header: string | undefined, tokens: readonly string[] | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!header) {
    throw new ApiFailure(401, [{ code: 10000, message: "Authentication error" }]);
  }
  if (!match) {
    // Recorded 2026-08-11: the cause nests in error_chain rather than being a second error.
    throw new ApiFailure(400, [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }]);
  }
  const token = match[1]!;
  if (tokens && tokens.length > 0 && !tokens.includes(token)) {
    throw new ApiFailure(403, [{ code: 9109, message: "Invalid access token" }]);
  }
  return token;
}
