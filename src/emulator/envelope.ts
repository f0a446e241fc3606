// Cloudflare's response envelope and the error a handler throws to produce a failed one.
import type { AuditEvent } from "./audit/types.ts";

export interface ApiMessage {
  code: number;
  message: string;
  /** Where in the request body the problem is, e.g. { pointer: "/kind" } (rulesets give it). */
  source?: { pointer: string };
  /** Nested causes, as Cloudflare sends for a malformed Authorization header. */
  error_chain?: ApiMessage[];
}

/** Audit Logs v2 answers errors with a message only (API reference: errors: [{ message }]). */
export interface CodelessMessage {
  message: string;
}

export type ApiError = ApiMessage | CodelessMessage;

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface Envelope {
  success: boolean;
  errors: ApiError[];
  messages: ApiMessage[];
  result: unknown;
  result_info?: ResultInfo | Record<string, unknown>;
}

/** What a handler returns: a result, and for lists the page information. */
export interface HandlerResult {
  status?: number;
  result: unknown;
  resultInfo?: ResultInfo | Record<string, unknown>;
  headers?: Record<string, string>;
  /** Informational messages for the envelope (e.g. token verification). */
  messages?: ApiMessage[];
  /** The changes this request made, for the audit log (see audit/). */
  audit?: AuditEvent[];
}

/** Thrown by handlers; the server turns it into a failed envelope with this status. */
export class ApiFailure extends Error {
  override name = "ApiFailure";
  readonly status: number;
  readonly errors: ApiError[];
  readonly headers: Record<string, string>;
  constructor(status: number, errors: ApiError[], headers: Record<string, string> = {}) {
    super(errors.map((e) => ("code" in e ? `${e.code}: ${e.message}` : e.message)).join("; "));
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

export function fail(status: number, code: number, message: string): ApiFailure {
  return new ApiFailure(status, [{ code, message }]);
}

export function okEnvelope(result: unknown, resultInfo?: ResultInfo | Record<string, unknown>, messages: ApiMessage[] = []): Envelope {
  const envelope: Envelope = { success: true, errors: [], messages, result };
  if (resultInfo) envelope.result_info = resultInfo;
  return envelope;
}

export function errorEnvelope(errors: ApiError[]): Envelope {
  return { success: false, errors, messages: [], result: null };
}
