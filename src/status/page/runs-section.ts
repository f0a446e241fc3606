// The last runs of a stack, each with its changes (collapsed: readable without JavaScript).
import type { ChangeRecord } from "../../history/types.ts";
import type { StackStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { formatDuration, formatValue, shortSha } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { timeTag } from "./time-tag.ts";

function diagnosticText(diagnostic: unknown): string {
  if (!diagnostic || typeof diagnostic !== "object") return formatValue(diagnostic);
  const d = diagnostic as { file?: unknown; line?: unknown; column?: unknown; message?: unknown; code?: unknown };
  const where = d.file === undefined ? "" : `${String(d.file)}:${String(d.line ?? "?")}:${String(d.column ?? "?")}: `;
  return `${where}${String(d.message ?? formatValue(diagnostic))}${d.code === undefined ? "" : ` (${String(d.code)})`}`;
}

function changeRow(change: ChangeRecord): SafeHtml {
  return html`<tr><td>${change.op}</td><td>${change.kind}</td><td><code>${change.id}</code></td><td>${change.fields.join(", ")}</td>
    <td>${change.before === undefined ? "" : html`<code>${formatValue(change.before)}</code>`}</td>
    <td>${change.after === undefined ? "" : html`<code>${formatValue(change.after)}</code>`}</td>
    <td>${change.outcome ? badge(change.outcome) : ""}${change.error ? html` <span class="error-text">${change.error}</span>` : ""}</td></tr>`;
}

type ListedRun = StackStatus["runs"][number];

function omitted(count: number | undefined, what: string, run: ListedRun): SafeHtml | string {
  if (!count) return "";
  return html`<p class="note">… and ${count} more ${what}: <a href="api/runs/${run.id}">the full run as JSON</a>.</p>`;
}

function details(run: ListedRun, stackId: string): SafeHtml {
  const parts: SafeHtml[] = [];
  if (run.error) parts.push(html`<p class="error-text">${run.error}</p>`);
  if (run.diagnostics.length > 0) parts.push(html`<ul class="diagnostics">${run.diagnostics.map((d) => html`<li>${diagnosticText(d)}</li>`)}</ul>`);
  const items = run.kind === "drift" ? run.drift.length + (run.omittedDrift ?? 0) : run.changes.length + (run.omittedChanges ?? 0);
  if (run.drift.length > 0) {
    parts.push(html`<table class="changes"><thead><tr><th scope="col">Drift</th><th scope="col">Kind</th><th scope="col">Resource</th>
      <th scope="col">Fields</th><th scope="col">Live</th><th scope="col">Git</th></tr></thead>
      <tbody>${run.drift.map((item) => html`<tr><td>${item.op}</td><td>${item.kind}</td><td><code>${item.id}</code></td><td>${item.fields.join(", ")}</td>
        <td>${item.before === undefined ? "(absent)" : html`<code>${formatValue(item.before)}</code>`}</td>
        <td>${item.after === undefined ? "(absent)" : html`<code>${formatValue(item.after)}</code>`}</td></tr>`)}</tbody></table>${omitted(run.omittedDrift, "drifted resources", run)}`);
  }
  if (run.changes.length > 0) {
    parts.push(html`<table class="changes"><thead><tr><th scope="col">Op</th><th scope="col">Kind</th><th scope="col">Resource</th>
      <th scope="col">Fields</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${run.changes.map(changeRow)}</tbody></table>${omitted(run.omittedChanges, "changes", run)}`);
  }
  if (parts.length === 0) return html`${run.kind === "drift" ? `${items} drifted` : "no changes"}`;
  const counted = run.kind === "drift" ? `${items} drifted` : `${items} change${items === 1 ? "" : "s"}`;
  const label = items === 0 && (run.error || run.diagnostics.length > 0) ? "error details" : `${counted}${run.error ? " (error)" : ""}`;
  return html`<details id="${stackId}-run-${run.id}"><summary>${label}</summary>${parts}</details>`;
}

export function runsSection(stack: StackStatus, now: Date, stackId: string): SafeHtml {
  const id = `${stackId}-runs`;
  if (stack.runs.length === 0) return html`<h3 id="${id}">Recent runs</h3><p>No runs recorded yet.</p>`;
  return html`<h3 id="${id}">Recent runs</h3>
  <table class="runs" aria-labelledby="${id}">
    <thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Kind</th><th scope="col">Trigger</th><th scope="col">Commit</th>
      <th scope="col">Result</th><th scope="col">Duration</th><th scope="col">Changes</th></tr></thead>
    <tbody>${stack.runs.map((run) => html`<tr class="run" data-run-id="${run.id}">
      <th scope="row">#${run.id}</th><td>${timeTag(run.startedAt, now)}</td><td>${run.kind}</td><td>${run.triggers.join(", ")}</td>
      <td>${run.commit ? html`<code title="${run.commit}">${shortSha(run.commit)}</code> <span class="commit-message">${(run.message ?? "").split("\n")[0]}</span>` : "—"}</td>
      <td>${badge(run.result)}</td><td>${formatDuration(run.durationMs)}</td><td>${details(run, stackId)}</td></tr>`)}</tbody>
  </table>`;
}
