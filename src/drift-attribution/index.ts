// Drift attribution (issue 17, ADR 22): who last changed each drifted object, from the account's
// audit log since the stack's previous drift or apply run. One read per account and run (its first
// page; more only while entries come), matched by resource id and type; the kinds' native adapters
// say how the audit log names their objects (`auditResource`).
import type Cloudflare from "cloudflare";
import type { Logger } from "../shared/logger.ts";
import type { Change, DriftAttribution, Plan } from "../plan/types.ts";
import { attributeChanges } from "./match.ts";
import { readAuditLog, type AuditWindow } from "./read-log.ts";
import type { AuditRef } from "./types.ts";

export type { AuditRecord, AuditRef } from "./types.ts";
export { auditPermission, readAuditLog } from "./read-log.ts";
export { attributeChanges } from "./match.ts";

/** With no previous run to start from: a week back. */
export const defaultWindowMs = 7 * 86_400_000;
/** `before` a little ahead of our clock, for entries stamped by a clock slightly ahead of it. */
const clockSlackMs = 60_000;

export interface AttributeInput {
  client: Cloudflare;
  accountId: string;
  /** The previous drift or apply run's start; default: a week back. */
  since?: Date;
  refOf(change: Change): AuditRef | undefined;
  log: Logger;
  signal?: AbortSignal;
  now?: Date;
  pageSize?: AuditWindow["pageSize"];
  maxPages?: AuditWindow["maxPages"];
}

/** Sets each drifted change's `changedBy` and the plan's `attribution`; never throws but on abort. */
export async function attributeDrift(plan: Plan, input: AttributeInput): Promise<DriftAttribution> {
  const now = input.now ?? new Date();
  const since = input.since ?? new Date(now.getTime() - defaultWindowMs);
  const read = await readAuditLog(input.client, {
    accountId: input.accountId, since, before: new Date(now.getTime() + clockSlackMs),
    ...(input.pageSize ? { pageSize: input.pageSize } : {}), ...(input.maxPages ? { maxPages: input.maxPages } : {}), ...(input.signal ? { signal: input.signal } : {}),
  });
  let attribution: DriftAttribution;
  if ("unavailable" in read) {
    attribution = { source: "none", since: since.toISOString(), entries: 0, note: read.unavailable };
    input.log.info({ stack: plan.stack, note: read.unavailable }, "drift attribution unavailable");
  } else {
    const attributed = attributeChanges(plan.changes, input.refOf, read.records);
    attribution = { source: read.source, since: since.toISOString(), entries: read.rows };
    if (read.truncated) attribution.note = `the audit log holds more than ${read.rows} entries since ${since.toISOString()}; only the newest ${read.rows} were read, so older changes are not attributed`;
    input.log.debug({ stack: plan.stack, source: read.source, entries: read.rows, attributed }, "drift attributed");
  }
  plan.attribution = attribution;
  return attribution;
}
