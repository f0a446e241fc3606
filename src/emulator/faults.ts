// Fault injection: a rate limit, a 5xx on every Nth request, added latency, and one-shot failures
// of requests matching a method and route. Configurable at start and at run time.
import { ApiFailure } from "./envelope.ts";

export interface RateLimitFault {
  /** Requests allowed per window; the next one gets 429. */
  limit: number;
  windowMs: number;
}

/** How the lists family's asynchronous item writes behave (families/lists/bulk.ts). */
export interface BulkOperationConfig {
  /** Status reads that answer pending/running before the operation completes. */
  polls?: number;
  /** Milliseconds before the operation may complete. */
  delayMs?: number;
  /** Makes every operation fail with this message (the list is left unchanged). */
  failWith?: string;
}

export interface FailNextFault {
  /** GET, POST, ... or omitted for any method. */
  method?: string;
  /** A route template (/zones/{zone_id}/dns_records/batch) or a path below /client/v4; `*` matches anything. */
  route: string;
  status?: number;
  code?: number;
  message?: string;
  /** How many matching requests fail (default 1). */
  count?: number;
}

/** HTTP statuses the audit log endpoints answer with instead of data (403 = no permission). */
export interface AuditLogFault {
  /** GET /accounts/{id}/logs/audit (v2). */
  v2?: number;
  /** GET /accounts/{id}/audit_logs (v1). */
  v1?: number;
}

export interface FaultConfig {
  rateLimit?: RateLimitFault | null;
  /** How list item bulk operations complete (default: at once). */
  bulkOperations?: BulkOperationConfig | null;
  auditLogs?: AuditLogFault | null;
  /** Every Nth API request fails with `status` (default 500). */
  errorEvery?: { n: number; status?: number } | null;
  latencyMs?: number;
  failNext?: FailNextFault[];
}

export class FaultInjector {
  private config: FaultConfig = {};
  private windowStart = 0;
  private windowCount = 0;
  private seen = 0;

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  /** Replaces the whole configuration and restarts the counters. */
  set(config: FaultConfig): void {
    validateFaults(config);
    this.config = { ...config, failNext: (config.failNext ?? []).map((fault) => ({ ...fault, count: fault.count ?? 1 })) };
    this.windowStart = 0;
    this.windowCount = 0;
    this.seen = 0;
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  get latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  /** Throws the injected failure for this request, if any. */
  check(method: string, route: string, path: string, now = Date.now()): void {
    const rate = this.config.rateLimit;
    if (rate) {
      if (now - this.windowStart >= rate.windowMs) {
        this.windowStart = now;
        this.windowCount = 0;
      }
      if (this.windowCount >= rate.limit) {
        const retryAfter = Math.max(1, Math.ceil((this.windowStart + rate.windowMs - now) / 1000));
        throw new ApiFailure(429, [{ code: 971, message: "Please wait and consider throttling your request speed" }], {
          "retry-after": String(retryAfter),
        });
      }
      this.windowCount++;
    }
    const failNext = this.config.failNext ?? [];
    const index = failNext.findIndex((fault) => faultMatches(fault, method, route, path));
    if (index >= 0) {
      const fault = failNext[index]!;
      fault.count = (fault.count ?? 1) - 1;
      if (fault.count <= 0) failNext.splice(index, 1);
      throw new ApiFailure(fault.status ?? 500, [{ code: fault.code ?? 10001, message: fault.message ?? "Injected failure" }]);
    }
    this.seen++;
    const every = this.config.errorEvery;
    if (every && every.n > 0 && this.seen % every.n === 0) {
      throw new ApiFailure(every.status ?? 500, [{ code: 10002, message: "Internal server error" }]);
    }
  }
}

function faultMatches(fault: FailNextFault, method: string, route: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  const pattern = new RegExp(`^${fault.route.split("*").map(escapeRegExp).join(".*")}$`);
  return pattern.test(route) || pattern.test(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

function validateFaults(config: FaultConfig): void {
  const problems: string[] = [];
  const rate = config.rateLimit;
  if (rate && !(rate.limit >= 0 && rate.windowMs > 0)) problems.push("rateLimit needs limit >= 0 and windowMs > 0");
  const every = config.errorEvery;
  if (every && !(Number.isInteger(every.n) && every.n > 0)) problems.push("errorEvery.n must be a positive integer");
  if (every?.status !== undefined && (every.status < 500 || every.status > 599)) problems.push("errorEvery.status must be 5xx");
  if (config.latencyMs !== undefined && !(config.latencyMs >= 0)) problems.push("latencyMs must be >= 0");
  const bulk = config.bulkOperations;
  if (bulk && [bulk.polls, bulk.delayMs].some((n) => n !== undefined && !(Number.isInteger(n) && n >= 0))) problems.push("bulkOperations.polls and delayMs must be integers >= 0");
  for (const status of [config.auditLogs?.v2, config.auditLogs?.v1]) {
    if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) problems.push("auditLogs.v2 and v1 must be HTTP error statuses (400-599)");
  }
  for (const fault of config.failNext ?? []) {
    if (typeof fault.route !== "string" || fault.route === "") problems.push("each failNext entry needs a route");
  }
  if (problems.length > 0) throw new ApiFailure(400, problems.map((message) => ({ code: 1001, message })));
}
