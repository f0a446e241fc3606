// Reads the account's audit log over a window, newest first, paged and bounded: Audit Logs v2
// (cursor paging), falling back to v1 (page / per_page) where v2 answers with an error. Neither
// answering is not an error: the caller gets a note saying why (a missing permission, most often).
import type Cloudflare from "cloudflare";
import { call } from "../engines/native/call.ts";
import { AbortedError, ApiError } from "../shared/errors.ts";
import { fromV1, fromV2 } from "./entries.ts";
import type { AuditRecord } from "./types.ts";

export interface AuditWindow {
  accountId: string;
  since: Date;
  before: Date;
  /** Entries per request (v2 limit, v1 per_page); the API allows 1-1000. */
  pageSize?: number;
  /** Requests per version at most; what lies beyond is left unread, with a note. */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface AuditLogRead {
  source: "audit-log-v2" | "audit-log-v1";
  /** Newest first. */
  records: AuditRecord[];
  /** Rows read, including those that name no change (views, failures). */
  rows: number;
  /** The page cap cut the read: older entries were not read. */
  truncated: boolean;
}

export interface AuditLogUnavailable {
  unavailable: string;
}

export const defaultPageSize = 100;
export const defaultMaxPages = 10;

/** The token permission group the audit log endpoints list (OpenAPI x-api-token-group). */
export const auditPermission = "Account › Account Settings › Read";

type Row = Record<string, unknown>;

interface Page {
  rows: Row[];
  /** v2: the next page's cursor; v1: whether a next page may exist. */
  next?: string | true;
}

async function readPages(fetchPage: (next: string | true | undefined) => Promise<Page>, maxPages: number, signal: AbortSignal | undefined): Promise<{ rows: Row[]; truncated: boolean }> {
  const rows: Row[] = [];
  let next: string | true | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    if (signal?.aborted) throw new AbortedError("the run was cancelled while reading the audit log");
    const page = await fetchPage(next);
    rows.push(...page.rows);
    next = page.next;
    if (next === undefined) return { rows, truncated: false };
  }
  return { rows, truncated: true };
}

function v2Reader(client: Cloudflare, window: Required<Omit<AuditWindow, "signal">>) {
  return async (cursor: string | true | undefined): Promise<Page> => {
    const params = { account_id: window.accountId, since: window.since.toISOString(), before: window.before.toISOString(), direction: "desc" as const, limit: window.pageSize, ...(typeof cursor === "string" ? { cursor } : {}) };
    const page = await call("read the account audit log (v2)", () => client.accounts.logs.audit.list(params));
    // The SDK pages on result_info.cursors.after; the API reference shows result_info.cursor.
    const info = (page as unknown as { result_info?: { cursor?: string; cursors?: { after?: string } } }).result_info;
    const next = info?.cursors?.after ?? info?.cursor;
    const rows = page.getPaginatedItems() as unknown as Row[];
    return { rows, ...(next && rows.length > 0 ? { next } : {}) };
  };
}

function v1Reader(client: Cloudflare, window: Required<Omit<AuditWindow, "signal">>) {
  let page = 0;
  return async (): Promise<Page> => {
    page++;
    const params = { account_id: window.accountId, since: window.since.toISOString(), before: window.before.toISOString(), direction: "desc" as const, page, per_page: window.pageSize };
    const result = await call("read the account audit log (v1)", () => client.auditLogs.list(params));
    const rows = result.getPaginatedItems() as unknown as Row[];
    const info = (result as unknown as { result_info?: { total_pages?: number } }).result_info;
    const more = rows.length >= window.pageSize && (info?.total_pages === undefined || page < info.total_pages);
    return { rows, ...(more ? { next: true as const } : {}) };
  };
}

function denied(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 401 || error.codes.includes(10000));
}

function why(v2: unknown, v1: unknown): string {
  if (denied(v2) || denied(v1)) {
    const status = [v2, v1].find((error) => error instanceof ApiError && error.status !== undefined) as ApiError | undefined;
    return `attribution unavailable: the token lacks ${auditPermission}, which reading the audit log needs (HTTP ${status?.status ?? 403})`;
  }
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
  return `attribution unavailable: the audit log could not be read (${message(v1)})`;
}

export async function readAuditLog(client: Cloudflare, options: AuditWindow): Promise<AuditLogRead | AuditLogUnavailable> {
  const window = { accountId: options.accountId, since: options.since, before: options.before, pageSize: options.pageSize ?? defaultPageSize, maxPages: options.maxPages ?? defaultMaxPages };
  let v2Error: unknown;
  try {
    const { rows, truncated } = await readPages(v2Reader(client, window), window.maxPages, options.signal);
    return { source: "audit-log-v2", rows: rows.length, records: rows.map(fromV2).filter((r) => r !== undefined), truncated };
  } catch (error) {
    if (error instanceof AbortedError || options.signal?.aborted) throw error;
    v2Error = error;
  }
  try {
    const { rows, truncated } = await readPages(v1Reader(client, window), window.maxPages, options.signal);
    return { source: "audit-log-v1", rows: rows.length, records: rows.map(fromV1).filter((r) => r !== undefined), truncated };
  } catch (error) {
    if (error instanceof AbortedError || options.signal?.aborted) throw error;
    return { unavailable: why(v2Error, error) };
  }
}
