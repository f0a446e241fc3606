// Markdown for a plan or drift report: the pull-request comment, the job summary and the drift issue.
// Layout: headline, summary table per zone and kind, one collapsible field diff per change, policy
// results, diagnostics. Stays under `maxChars` (GitHub refuses comments over 65,536 characters) by
// dropping change details last-first and saying how many were left out.
import type { Diagnostic } from "../desired-state/types.ts";
import { kindById } from "../kinds/registry.ts";
import { arrayChanges } from "./array-diff.ts";
import { codeFence, codeSpan, escapeHtml, escapeMarkdown } from "./markdown-escape.ts";
import { policyLine, policySection, readPolicy } from "./markdown-policy.ts";
import { shownValue } from "./shown-value.ts";
import type { Change, ChangeOp, Plan } from "./types.ts";
import { compareText } from "../shared/compare-text.ts";

export interface MarkdownReport {
  plan: Plan;
  /** The policy report as `renderPolicyReport(report, "json")` prints it; read defensively. */
  policy?: unknown;
  diagnostics?: Diagnostic[];
  /** The plan's fingerprint: `apply FILE` applies only the plan with this fingerprint. */
  fingerprint?: string;
}

export interface MarkdownOptions {
  maxChars?: number;
  title?: string;
  /** "drift": before is what is live in Cloudflare, after is what git says. */
  mode?: "plan" | "drift";
  /** Where the reader finds what truncation left out. */
  truncatedNote?: string;
}

/** GitHub's limit for an issue or pull-request comment body. */
export const githubCommentLimit = 65_536;
export const defaultMaxChars = 60_000;
const maxTableRows = 100;
const maxValueChars = 1_000;

const opOrder: ChangeOp[] = ["create", "update", "delete", "replace", "import"];
const opIcon: Record<ChangeOp, string> = { create: "🟢", update: "🟡", delete: "🔴", replace: "🟠", import: "🔵" };

export function renderMarkdown(report: MarkdownReport, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? defaultMaxChars;
  const mode = options.mode ?? "plan";
  const { plan } = report;
  const diagnostics = Array.isArray(report.diagnostics) ? report.diagnostics : [];
  const policy = readPolicy(report.policy);
  const fingerprint = typeof report.fingerprint === "string" && /^[0-9a-f]{12,64}$/.test(report.fingerprint) ? ["", `Plan fingerprint: ${codeSpan(report.fingerprint.slice(0, 12))}`] : [];
  const attributionNote = mode === "drift" && plan.changes.length > 0 && typeof plan.attribution?.note === "string" ? ["", `_Note: ${escapeMarkdown(plan.attribution.note)}_`] : [];
  const head = [headline(plan, options.title, mode), "", statusLine(plan, diagnostics, mode), ...attributionNote, ...fingerprint, ...(policy ? ["", policyLine(policy)] : []), ""];
  if (plan.changes.length > 0) head.push(summaryTable(plan.changes), "", ...(mode === "drift" ? [driftLegend, ""] : []));
  const tail = [...policySection(policy), ...diagnosticsSection(diagnostics), ...warningsSection(plan.warnings)];
  const fixed = join(head) + join(tail);

  const details: string[] = [];
  if (plan.changes.length > 0) details.push("#### Changes\n\n");
  let used = fixed.length + (details[0]?.length ?? 0);
  let shown = 0;
  fill: for (const [zone, changes] of groupByZone(plan.changes)) {
    const zoneHeading = `**${escapeMarkdown(zone)}**\n\n`;
    for (const [index, change] of changes.entries()) {
      const block = (index === 0 ? zoneHeading : "") + changeDetails(change, mode);
      if (used + block.length + truncationReserve > maxChars) break fill;
      details.push(block);
      used += block.length;
      shown++;
    }
  }
  const hidden = plan.changes.length - shown;
  if (hidden > 0) {
    const note = options.truncatedNote ?? "(full plan in the job summary)";
    details.push(`**… and ${hidden} more ${hidden === 1 ? "change" : "changes"} ${note}**\n\n`);
  }
  return join(head) + details.join("") + join(tail);
}

const truncationReserve = 200;
const driftLegend = "_Drift: **before** is what is live in Cloudflare, **after** is what git says; applying the plan restores git._";

function join(lines: string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function headline(plan: Plan, title: string | undefined, mode: "plan" | "drift"): string {
  if (title !== undefined) return `### ${escapeMarkdown(title)}`;
  const what = mode === "drift" ? "drift report" : "plan";
  const commit = plan.commit ? ` at ${codeSpan(plan.commit.slice(0, 12))}` : "";
  return `### cf-gitops ${what}: stack ${codeSpan(plan.stack)} (${escapeMarkdown(plan.engine)} engine)${commit}`;
}

function statusLine(plan: Plan, diagnostics: Diagnostic[], mode: "plan" | "drift"): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 && plan.changes.length === 0) {
    return `❌ **The desired state is invalid** (${errors} ${errors === 1 ? "error" : "errors"}): nothing was planned.`;
  }
  if (plan.changes.length === 0) {
    return mode === "drift" ? "✅ **No drift**: Cloudflare matches git." : "✅ **No changes**: Cloudflare already matches the desired state.";
  }
  const counts = countOps(plan.changes);
  const parts = opOrder.filter((op) => counts[op] > 0).map((op) => `${counts[op]} to ${op}`);
  const lead = mode === "drift" ? `⚠️ **Drift: ${plan.changes.length} ${plan.changes.length === 1 ? "resource differs" : "resources differ"}**` : "**Plan:**";
  return `${lead} ${parts.join(", ")}.`;
}

function countOps(changes: Change[]): Record<ChangeOp, number> {
  const counts: Record<ChangeOp, number> = { create: 0, update: 0, delete: 0, replace: 0, import: 0 };
  for (const change of changes) if (change.op in counts) counts[change.op]++;
  return counts;
}

function summaryTable(changes: Change[]): string {
  const rows = new Map<string, { zone: string; kind: string; counts: Change[] }>();
  for (const change of changes) {
    const zone = zoneOf(change);
    const key = `${zone}\u0000${change.kind}`;
    const row = rows.get(key) ?? { zone, kind: change.kind, counts: [] };
    row.counts.push(change);
    rows.set(key, row);
  }
  const ops = opOrder.filter((op) => op !== "import" || changes.some((change) => change.op === "import"));
  const lines = [
    `| Zone | Kind | ${ops.map(capitalize).join(" | ")} |`,
    `|---|---|${ops.map(() => "--:").join("|")}|`,
  ];
  const sorted = [...rows.values()].sort((a, b) => zoneOrder(a.zone, b.zone) || compareText(a.kind, b.kind));
  for (const row of sorted.slice(0, maxTableRows)) {
    const counts = countOps(row.counts);
    lines.push(`| ${escapeMarkdown(row.zone)} | ${escapeMarkdown(row.kind)} | ${ops.map((op) => counts[op]).join(" | ")} |`);
  }
  if (sorted.length > maxTableRows) lines.push(`| … ${sorted.length - maxTableRows} more rows | | ${ops.map(() => "").join(" | ")} |`);
  const totals = countOps(changes);
  lines.push(`| **Total** | | ${ops.map((op) => `**${totals[op]}**`).join(" | ")} |`);
  return lines.join("\n");
}

function zoneOf(change: Change): string {
  if (change.zone) return change.zone;
  if (change.kind === "zone") return change.id;
  const group = kindById(change.kind)?.group;
  return group ? `(${group})` : "(no zone)";
}

function groupByZone(changes: Change[]): [string, Change[]][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const zone = zoneOf(change);
    groups.set(zone, [...(groups.get(zone) ?? []), change]);
  }
  return [...groups.entries()].sort(([a], [b]) => zoneOrder(a, b));
}

/** Zones alphabetically, then the "(tunnel services)"-style groups. */
function zoneOrder(a: string, b: string): number {
  return (a.startsWith("(") ? 1 : 0) - (b.startsWith("(") ? 1 : 0) || compareText(a, b);
}

function changeDetails(change: Change, mode: "plan" | "drift"): string {
  const fields = changedFields(change);
  const from = typeof change.source?.profile === "string" ? ` · from profile ${escapeHtml(change.source.profile)}` : "";
  const where = change.source ? ` · ${escapeHtml(`${change.source.file}:${change.source.line}`)}${from}` : "";
  const fieldNote = change.op === "update" || change.op === "replace" ? ` (${escapeHtml(fields.join(", "))})` : "";
  const summary = `${opIcon[change.op] ?? "•"} <b>${escapeHtml(change.op)}</b> ${escapeHtml(change.kind)} <code>${escapeHtml(change.id)}</code>${fieldNote}${where}${changedByNote(change)}`;
  const lines = diffLines(change, fields);
  const fence = codeFence(lines);
  const legend = mode === "drift" ? "# - live in Cloudflare, + desired in git\n" : "";
  return `<details><summary>${summary}</summary>\n\n${fence}diff\n${legend}${lines.join("\n")}\n${fence}\n\n</details>\n\n`;
}

/** " · changed by alice@example.com via api at …" (read defensively: the change may come from a file). */
function changedByNote(change: Change): string {
  const by: unknown = change.changedBy;
  if (by === null || typeof by !== "object") return "";
  const { actor, via, at } = by as Record<string, unknown>;
  if (typeof actor !== "string" || typeof at !== "string") return "";
  return ` · changed by <b>${escapeHtml(actor)}</b>${typeof via === "string" ? ` via ${escapeHtml(via)}` : ""} at ${escapeHtml(at)}`;
}

function changedFields(change: Change): string[] {
  if (Array.isArray(change.fields) && change.fields.length > 0) return change.fields.map(String);
  const keys = new Set([...objectKeys(change.before), ...objectKeys(change.after)]);
  return [...keys];
}

function objectKeys(value: unknown): string[] {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
}

function diffLines(change: Change, fields: string[]): string[] {
  const showBefore = change.op !== "create";
  const showAfter = change.op !== "delete";
  const isObject = objectKeys(change.before).length > 0 || objectKeys(change.after).length > 0;
  if (!isObject || fields.length === 0) {
    return [...(showBefore ? [`- ${formatValue(change.before)}`] : []), ...(showAfter ? [`+ ${formatValue(change.after)}`] : [])];
  }
  const lines: string[] = [];
  for (const field of fields) {
    const elements = showBefore && showAfter ? arrayChanges(fieldOf(change.before, field), fieldOf(change.after, field)) : undefined;
    if (elements) {
      lines.push(...elements.removed.map((item) => `- ${field}[]: ${formatValue(item)}`), ...elements.added.map((item) => `+ ${field}[]: ${formatValue(item)}`));
      continue;
    }
    if (showBefore) lines.push(`- ${field}: ${shownValue(field, fieldOf(change.before, field), formatValue)}`);
    if (showAfter) lines.push(`+ ${field}: ${shownValue(field, fieldOf(change.after, field), formatValue)}`);
  }
  return lines;
}

function fieldOf(value: unknown, field: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[field] : undefined;
}

function formatValue(value: unknown): string {
  if (value === undefined) return "(unset)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars)}… (${text.length} characters)` : text;
}

function diagnosticsSection(diagnostics: Diagnostic[]): string[] {
  if (diagnostics.length === 0) return [];
  const lines = ["#### Diagnostics", "", "| Where | Severity | Code | Message |", "|---|---|---|---|"];
  for (const d of diagnostics.slice(0, maxTableRows / 2)) {
    const where = codeSpan(`${String(d.file)}:${String(d.line)}:${String(d.column)}`);
    lines.push(`| ${where} | ${escapeMarkdown(String(d.severity))} | ${codeSpan(String(d.code))} | ${escapeMarkdown(String(d.message))} |`);
  }
  if (diagnostics.length > maxTableRows / 2) lines.push("", `… and ${diagnostics.length - maxTableRows / 2} more diagnostics.`);
  return [...lines, ""];
}

function warningsSection(warnings: string[] | undefined): string[] {
  if (!Array.isArray(warnings) || warnings.length === 0) return [];
  const shown = warnings.slice(0, 20).map((warning) => `- ${escapeMarkdown(String(warning))}`);
  const more = warnings.length > 20 ? [`- … and ${warnings.length - 20} more`] : [];
  return ["#### Warnings", "", ...shown, ...more, ""];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
