// Turns an event into the words every channel uses, redacted once here.
import type { Change } from "../plan/types.ts";
import type { Redactor } from "../shared/redact.ts";
import type { NotificationMessage, NotifyEvent } from "./types.ts";

const maxItems = 20;
const opSign: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "±", import: "←" };

export function buildMessage(event: NotifyEvent, redact: Redactor): NotificationMessage {
  const changes = event.changes ?? [];
  const items = changes.slice(0, maxItems).map((change) => redact(itemLine(change)));
  if (changes.length > maxItems) items.push(`… and ${changes.length - maxItems} more`);
  const title = redact(`cf-gitops: ${headline(event, changes.length)}`);
  const facts = [
    event.summary ? event.summary : undefined,
    event.policies?.length ? `Blocked by: ${event.policies.join(", ")}` : undefined,
    event.commit ? `Commit: ${event.commit.slice(0, 12)}${event.branch ? ` on ${event.branch}` : ""}` : undefined,
    event.runId !== undefined ? `Run: ${event.runId}` : undefined,
    event.url ? `Status: ${event.url}` : undefined,
    event.attributionNote ? `Note: ${event.attributionNote}` : undefined,
  ].filter((line): line is string => line !== undefined);
  const text = redact([title, ...facts, ...(items.length ? ["", ...items] : [])].join("\n"));
  return { event, title, text, items, ...(event.summary ? { summary: redact(event.summary) } : {}) };
}

function headline(event: NotifyEvent, count: number): string {
  const stack = `stack ${event.stack}`;
  const run = event.runKind ?? "run";
  switch (event.kind) {
    case "failure":
      return `${run} failed for ${stack}`;
    case "blocked":
      return `${run} blocked by policy for ${stack}`;
    case "drift-found":
      return `drift found in ${stack} (${count} ${count === 1 ? "resource" : "resources"})`;
    case "drift-resolved":
      return `drift resolved in ${stack}: Cloudflare matches git again`;
    case "apply-started":
      return `applying ${stack}`;
    case "applied":
      return `applied ${stack}`;
  }
}

function itemLine(change: Change): string {
  const fields = change.op === "update" || change.op === "replace" ? ` (${change.fields.join(", ")})` : "";
  const by = change.changedBy ? ` — changed by ${change.changedBy.actor} via ${change.changedBy.via} at ${change.changedBy.at}` : "";
  return `${opSign[change.op] ?? "•"} ${change.id}${fields}${by}`;
}
