// Response helpers shared by every route: security headers, JSON bodies, one error shape, bounded body reads.
import type { IncomingMessage, ServerResponse } from "node:http";

export class HttpError extends Error {
  override name = "HttpError";
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string | string[]>;
  constructor(status: number, code: string, message: string, headers: Record<string, string | string[]> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const apiCsp = "default-src 'none'; frame-ancestors 'none'";

/** On every response. No Access-Control-Allow-Origin is ever sent: the API is same-origin only. */
export function securityHeaders(response: ServerResponse, csp = apiCsp): void {
  response.setHeader("Content-Security-Policy", csp.includes("frame-ancestors") ? csp : `${csp}; frame-ancestors 'none'`);
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "no-referrer");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(text);
}

export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

export function sendText(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store" });
  response.end(body);
}

/** Refuses (413) a body whose declared length is over `limit`, before reading any of it. */
export function checkDeclaredLength(request: IncomingMessage, limit: number): void {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) throw new HttpError(413, "body-too-large", `request body over ${limit} bytes`);
}

/**
 * Reads the raw body, refusing more than `limit` bytes (413) without buffering the excess.
 * `onChunk` sees every chunk as it arrives (to hash it while it streams).
 */
export async function readBody(request: IncomingMessage, limit: number, onChunk?: (chunk: Buffer) => void): Promise<Buffer> {
  checkDeclaredLength(request, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // The connection is closed after the answer (server.ts), so the rest is never read.
    if (size > limit) throw new HttpError(413, "body-too-large", `request body over ${limit} bytes`);
    onChunk?.(buffer);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid-json", "the request body is not valid JSON");
  }
}
