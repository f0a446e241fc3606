// The plan for people: grouped by zone, +/~/- markers, field by field `before -> after` (a list
// field, such as a list's items, as the elements that go and come).
import { kindById } from "../kinds/registry.ts";
import { arrayChanges } from "./array-diff.ts";
import { shownValue } from "./shown-value.ts";
import { summarise, summaryLine } from "./summary.ts";
import type { Change, Plan } from "./types.ts";

export interface TextOptions {
  /** "drift" words it as live vs git; "plan" as what apply will do. */
  mode?: "plan" | "drift";
}

const markers: Record<Change["op"], string> = { create: "+", update: "~", delete: "-", replace: "±", import: "=" };

export function formatValue(value: unknown): string {
  if (value === undefined) return "(unset)";
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value);
}

function shortId(change: Change): string {
  if (change.zone && change.id.startsWith(`${change.zone}/`)) return change.id.slice(change.zone.length + 1);
  return change.id;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** Fields the id line already shows are not repeated in the one-line summary. */
const identity = new Set(["name", "type", "ref", "tunnel"]);

/** A record's content or data: shown unless its id carries it (records sharing a name and type). */
function inId(id: string, key: string, value: unknown): boolean {
  if (identity.has(key)) return true;
  if (key === "content") return id.endsWith(`/${String(value)}`);
  if (key === "data" && typeof value === "object" && value !== null) return id.includes(Object.values(value).map(String).join(" "));
  return false;
}

function summaryFields(id: string, value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => !inId(id, key, v) && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([key, v]) => `${key}=${shownValue(key, v, formatValue)}`)
    .join(" ");
}

/** "changed by alice@example.com via api at 2026-11-28T10:00:00.000Z (203.0.113.7)" */
export function changedByLine(change: Change): string | undefined {
  const by = change.changedBy;
  return by ? `changed by ${by.actor} via ${by.via} at ${by.at}${by.ip ? ` (${by.ip})` : ""}` : undefined;
}

/** "desired-state/profiles/google-mail.yaml:5:5, from profile google-mail" (where the desired value is written). */
export function sourceText(source: NonNullable<Change["source"]>): string {
  return `${source.file}:${source.line}:${source.column}${typeof source.profile === "string" ? `, from profile ${source.profile}` : ""}`;
}

function changeLines(change: Change): string[] {
  const where = change.source ? `  (${sourceText(change.source)})` : "";
  const lines = [`  ${markers[change.op]} ${change.kind} ${shortId(change)}${where}`];
  const by = changedByLine(change);
  if (by) lines.push(`      ${by}`);
  if (change.op === "create" || change.op === "delete") {
    const summary = summaryFields(change.id, change.op === "create" ? change.after : change.before);
    if (summary) lines.push(`      ${summary}`);
  } else {
    for (const name of change.fields) {
      const before = field(change.before, name);
      const after = field(change.after, name);
      const elements = arrayChanges(before, after);
      if (!elements) lines.push(`      ${name}: ${shownValue(name, before, formatValue)} -> ${shownValue(name, after, formatValue)}`);
      else for (const [sign, items] of [["-", elements.removed], ["+", elements.added]] as const) for (const item of items) lines.push(`      ${name}: ${sign} ${formatValue(item)}`);
    }
  }
  return lines;
}

function groupName(change: Change): string {
  return change.zone ?? kindById(change.kind)?.group ?? "account";
}

export function renderText(plan: Plan, options: TextOptions = {}): string {
  const mode = options.mode ?? "plan";
  const out: string[] = [];
  const groups = new Map<string, Change[]>();
  for (const change of plan.changes) {
    const name = groupName(change);
    groups.set(name, [...(groups.get(name) ?? []), change]);
  }
  for (const [name, changes] of groups) {
    out.push(name);
    for (const change of changes) out.push(...changeLines(change));
    out.push("");
  }
  for (const warning of plan.warnings ?? []) out.push(`warning: ${warning}`);
  // Said once, and only where there is drift to attribute.
  if (plan.attribution?.note && plan.changes.length > 0) out.push(`note: ${plan.attribution.note}`);
  const summary = summarise(plan.changes);
  if (mode === "drift") {
    out.push(plan.changes.length === 0 ? "No drift: Cloudflare matches git." : `Drift: ${plan.changes.length} resource(s) differ (shown as live -> git).`);
  } else {
    out.push(summaryLine(summary));
  }
  return `${out.join("\n")}\n`;
}
