// Cloudflare's response envelope and the error a handler throws to produce a failed one.

export interface ApiMessage {
  code: number;
  message: string;
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface Envelope {
  success: boolean;
  errors: ApiMessage[];
  messages: ApiMessage[];
  result: unknown;
  result_info?: ResultInfo;
}

/** What a handler returns: a result, and for lists the page information. */
export interface HandlerResult {
  status?: number;
  result: unknown;
  resultInfo?: ResultInfo;
  headers?: Record<string, string>;
}

/** Thrown by handlers; the server turns it into a failed envelope with this status. */
export class ApiFailure extends Error {
  override name = "ApiFailure";
  readonly status: number;
  readonly errors: ApiMessage[];
  readonly headers: Record<string, string>;
  constructor(status: number, errors: ApiMessage[], headers: Record<string, string> = {}) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

export function fail(status: number, code: number, message: string): ApiFailure {
  return new ApiFailure(status, [{ code, message }]);
}

export function okEnvelope(result: unknown, resultInfo?: ResultInfo): Envelope {
  const envelope: Envelope = { success: true, errors: [], messages: [], result };
  if (resultInfo) envelope.result_info = resultInfo;
  return envelope;
}

export function errorEnvelope(errors: ApiMessage[]): Envelope {
  return { success: false, errors, messages: [], result: null };
}
