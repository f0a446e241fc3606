// The Cloudflare SDK client the native engine uses, with our own fetch wrapper in front of it:
// it counts every HTTP attempt (method, route, status) and retries 429/5xx honouring
// `retry-after` within a bounded budget. The SDK's own retries are switched off so the budget is ours.
import Cloudflare from "cloudflare";
import type { Logger } from "../../shared/logger.ts";

export interface RequestEvent {
  method: string;
  route: string; // templated path: /zones/{id}/dns_records
  status: number; // 0 when the request never got a response
}

export interface RetryBudget {
  /** Retries per request after the first attempt. */
  maxRetries: number;
  /** Longest single wait, whatever `retry-after` says. */
  maxWaitMs: number;
  /** Total time one request may spend waiting across its retries. */
  totalWaitMs: number;
}

export const defaultRetryBudget: RetryBudget = { maxRetries: 5, maxWaitMs: 30_000, totalWaitMs: 90_000 };

export interface ClientOptions {
  apiToken: string;
  baseUrl?: string;
  log: Logger;
  fetch?: typeof fetch;
  onRequest?(event: RequestEvent): void;
  retry?: Partial<RetryBudget>;
}

const idSegment = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `/client/v4/zones/023e.../dns_records?page=2` -> `/zones/{id}/dns_records` */
export function routeOf(url: string): string {
  const path = new URL(url).pathname.replace(/^.*?\/client\/v4/, "");
  return path
    .split("/")
    .map((segment) => (idSegment.test(segment) ? "{id}" : segment))
    .join("/");
}

function retryDelayMs(response: Response, attempt: number): number {
  const header = response.headers.get("retry-after");
  if (header !== null) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return Math.min(250 * 2 ** attempt, 8_000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function countingFetch(options: ClientOptions): typeof fetch {
  const inner = options.fetch ?? globalThis.fetch;
  const budget = { ...defaultRetryBudget, ...options.retry };
  return async function cfFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const route = routeOf(url);
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (error) {
        options.onRequest?.({ method, route, status: 0 });
        throw error;
      }
      options.onRequest?.({ method, route, status: response.status });
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= budget.maxRetries) return response;
      const delay = retryDelayMs(response, attempt);
      if (delay > budget.maxWaitMs || waited + delay > budget.totalWaitMs) return response;
      options.log.warn({ method, route, status: response.status, delayMs: delay, attempt: attempt + 1 }, "cloudflare request retried");
      await response.body?.cancel();
      await sleep(delay);
      waited += delay;
    }
  };
}

export function createClient(options: ClientOptions): Cloudflare {
  return new Cloudflare({
    apiToken: options.apiToken,
    baseURL: options.baseUrl ?? process.env.CLOUDFLARE_BASE_URL ?? "https://api.cloudflare.com/client/v4",
    maxRetries: 0,
    fetch: countingFetch(options),
  });
}
