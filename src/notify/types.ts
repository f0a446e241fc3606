// The notification port: what happened (an event), how it reads (a message), and who hears it.
import type { Change } from "../plan/types.ts";

export type NotifyEventKind = "failure" | "blocked" | "drift-found" | "drift-resolved" | "apply-started" | "applied";

/** The four kinds every channel announces; the other two only drive the commit status. */
export const announcedKinds: readonly NotifyEventKind[] = ["failure", "blocked", "drift-found", "drift-resolved"];

export interface NotifyEvent {
  kind: NotifyEventKind;
  stack: string;
  runKind?: "apply" | "drift" | "preview";
  runId?: number | string;
  commit?: string;
  branch?: string;
  /** One line on what happened, e.g. the failing stage and its error. */
  summary?: string;
  /** Drift items (drift-found) or the blocked plan's changes. */
  changes?: Change[];
  /** Policies that blocked the run. */
  policies?: string[];
  /** The status page, for a link back. */
  url?: string;
  /** Drift: why the changes carry no `changedBy` (the audit log could not be read), said once. */
  attributionNote?: string;
}

export interface NotificationMessage {
  event: NotifyEvent;
  /** One line: "cf-gitops: drift found in stack production (3 resources)". */
  title: string;
  /** The event's summary line, already redacted (channels must not use event.summary). */
  summary?: string;
  /** Plain-text body, already redacted. */
  text: string;
  /** Up to 20 "~ example.com/dns/www/A/1.2.3.4 (ttl)" lines, already redacted. */
  items: string[];
}

export interface Notifier {
  readonly name: string;
  accepts(event: NotifyEvent): boolean;
  send(message: NotificationMessage): Promise<void>;
}
