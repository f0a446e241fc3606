// The lists family's stored lists, items and bulk operations, shaped as Cloudflare returns them.

export type ListKind = "ip" | "asn" | "hostname" | "redirect";

/** An account-level custom list; num_items and num_referencing_filters are computed when shown. */
export interface RulesList {
  id: string;
  name: string;
  description: string;
  kind: ListKind;
  created_on: string;
  modified_on: string;
}

/** One item: exactly one of ip, asn, hostname, redirect, per the list's kind. */
export interface ListItem {
  id: string;
  ip?: string;
  asn?: number;
  hostname?: { url_hostname: string; exclude_exact_hostname?: boolean };
  redirect?: Record<string, unknown>;
  comment?: string;
  created_on: string;
  modified_on: string;
}

/** An asynchronous items write; the change is held until the operation completes. */
export interface BulkOperation {
  id: string;
  list_id: string;
  status: "pending" | "running" | "completed" | "failed";
  completed?: string;
  error?: string;
  change: { mode: "append" | "replace" | "delete"; items?: ListItem[]; ids?: string[] };
  /** Status polls answered so far, and how many must be answered before it may complete. */
  polls: number;
  pollsNeeded: number;
  /** Epoch ms before which it may not complete. */
  readyAt: number;
  /** Set when a fault makes it fail. */
  failWith?: string;
}
