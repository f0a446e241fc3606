// The optional read token (CFGITOPS_READ_TOKEN): the page, static files and read API need HTTP Basic
// (any user name, the token as password, so a browser can log in) or a Bearer token. The admin token
// is accepted too. Health stays open; /metrics too unless CFGITOPS_PROTECT_METRICS is set. A wrong
// token counts against the client's failed-authentication budget shared with the write routes (over
// it, wrong tokens get 429); a right one is accepted whatever others did from its address; a
// request without credentials guesses nothing and is not counted.
import type { IncomingMessage } from "node:http";
import type { Logger } from "../shared/logger.ts";
import { ConfigError } from "../shared/errors.ts";
import { safeEqual, type FailureThrottle } from "./admin-auth.ts";
import { HttpError } from "./http-util.ts";

/** Who may use a route: anyone, read-token holders, /metrics (read token when protected), or the route's own check. */
export type RouteAccess = "public" | "read" | "metrics" | "own";

export interface ReadAccess {
  readToken?: string;
  /** CFGITOPS_PROTECT_METRICS: /metrics needs the read token too. */
  protectMetrics?: boolean;
}

const yes = new Set(["1", "true", "yes", "on"]);
const no = new Set(["", "0", "false", "no", "off"]);

/** Reads CFGITOPS_READ_TOKEN and CFGITOPS_PROTECT_METRICS; a setting that cannot work is refused at start. */
export function readAccessFromEnv(env: NodeJS.ProcessEnv): ReadAccess {
  const token = env.CFGITOPS_READ_TOKEN?.trim() || undefined;
  const flag = (env.CFGITOPS_PROTECT_METRICS ?? "").trim().toLowerCase();
  if (!yes.has(flag) && !no.has(flag)) {
    throw new ConfigError(`CFGITOPS_PROTECT_METRICS=${env.CFGITOPS_PROTECT_METRICS} is not a yes/no value`, { hint: "use 1 (protect /metrics with the read token) or 0" });
  }
  const protectMetrics = yes.has(flag);
  if (protectMetrics && !token) {
    throw new ConfigError("CFGITOPS_PROTECT_METRICS is set but CFGITOPS_READ_TOKEN is not: /metrics would need a token nobody has", {
      hint: "set CFGITOPS_READ_TOKEN (openssl rand -hex 32) and give it to Prometheus (basic_auth password or authorization credentials)",
    });
  }
  return { ...(token ? { readToken: token } : {}), protectMetrics };
}

/** The token a request presents: Bearer, or the password of Basic (user name ignored). "" when malformed. */
export function presentedToken(header: string): string {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return "";
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? "" : decoded.slice(colon + 1);
}

export interface ReadGuard {
  /** Throws 401 (or 429 for an address over its failure budget) unless the request may use a route of this access. */
  check(request: IncomingMessage, access: RouteAccess): void;
}

export function createReadGuard(deps: {
  access: ReadAccess;
  adminToken?: string;
  failures: FailureThrottle;
  address(request: IncomingMessage): string;
  log: Logger;
}): ReadGuard {
  const { readToken, protectMetrics } = deps.access;
  const accepted = [readToken, deps.adminToken].filter((token): token is string => Boolean(token));
  const challenge = { "WWW-Authenticate": ['Basic realm="cf-gitops", charset="UTF-8"', 'Bearer realm="cf-gitops"'] };
  return {
    check(request, access) {
      if (!readToken) return;
      if (access !== "read" && !(access === "metrics" && protectMetrics)) return;
      const header = request.headers.authorization;
      if (header === undefined) throw new HttpError(401, "unauthorized", "this page needs the read token (HTTP Basic with the token as password, or Bearer)", challenge);
      const token = presentedToken(header);
      // Every accepted token is compared, so the time taken does not say which one nearly matched.
      const matches = accepted.map((expected) => safeEqual(token, expected)).includes(true);
      if (!matches) {
        const address = deps.address(request);
        deps.failures.check(address);
        deps.failures.fail(address);
        deps.log.warn({ address, path: request.url?.split("?")[0] }, "read request with a wrong token refused");
        throw new HttpError(401, "unauthorized", "wrong read token", challenge);
      }
    },
  };
}
