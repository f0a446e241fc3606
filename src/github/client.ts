// An octokit client with the retry and throttling plugins tuned for short CI jobs and the daemon:
// rate limits are waited out a bounded number of times, then the call fails with a clear error.
import { Octokit } from "octokit";
import type { Logger } from "../shared/logger.ts";

export type GithubClient = InstanceType<typeof Octokit>;

export interface GithubClientOptions {
  token: string;
  /** GITHUB_API_URL; https://api.github.com by default, a local server in tests. */
  apiUrl?: string;
  log: Logger;
  /** How many times one request is retried after a (secondary) rate limit. */
  maxRateLimitRetries?: number;
  /** Give up instead of waiting longer than this for a rate limit to pass. */
  maxWaitSeconds?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it. */
  retryAfterUnitMs?: number;
  /** GitHub asks integrations to leave about a second between writes; tests switch that off. */
  paceWrites?: boolean;
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const { log } = options;
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const maxWait = options.maxWaitSeconds ?? 300;
  function onLimit(kind: string) {
    return (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retry = retryCount < maxRetries && retryAfter <= maxWait;
      log.warn({ kind, method: request.method, url: request.url, retryAfter, retryCount, retry }, "github rate limit hit");
      return retry;
    };
  }
  const pacing = options.paceWrites === false ? { write: unpacedGroup, notifications: unpacedGroup } : {};
  return new Octokit({
    auth: options.token,
    ...(options.apiUrl ? { baseUrl: options.apiUrl.replace(/\/+$/, "") } : {}),
    userAgent: "cf-gitops",
    log: {
      debug: (message: string) => log.debug({ octokit: message }, "github debug"),
      info: (message: string) => log.debug({ octokit: message }, "github info"),
      warn: (message: string) => log.warn({ octokit: message }, "github warning"),
      error: (message: string) => log.error({ octokit: message }, "github error"),
    },
    retry: { retryAfterBaseValue: options.retryAfterUnitMs ?? 1000 },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      ...pacing,
    } as never,
  });
}

// Stands in for a Bottleneck group: runs the job at once (the plugin only calls key().schedule()).
const unpacedGroup = {
  key: () => ({ schedule: <T>(_options: unknown, job: (...args: unknown[]) => T, ...args: unknown[]): T => job(...args) }),
};
