// Policy results of the newest run that evaluated policies.
import type { StackStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { formatValue } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

/** A violation as the policy engine records it (policy/types.ts Violation): where, what, and how to fix it. */
function violationItem(violation: unknown): SafeHtml {
  if (!violation || typeof violation !== "object") return html`<li>${formatValue(violation)}</li>`;
  const v = violation as { resource?: unknown; file?: unknown; line?: unknown; column?: unknown; message?: unknown; remediation?: unknown };
  const where = typeof v.file === "string" ? `${v.file}${v.line === undefined ? "" : `:${String(v.line)}`}${v.column === undefined ? "" : `:${String(v.column)}`}` : undefined;
  return html`<li>${typeof v.resource === "string" ? html`<code>${v.resource}</code>: ` : ""}${v.message === undefined ? formatValue(violation) : String(v.message)}${where ? html` <small>(${where})</small>` : ""}${typeof v.remediation === "string" && v.remediation ? html`<br><span class="note">Fix: ${v.remediation}</span>` : ""}</li>`;
}

/** Why a result that did not pass has no violations to list (a load error with nothing recorded). */
function missingReason(result: { status: string; message?: string; violations?: unknown[] }): string {
  if (result.message || (result.violations ?? []).length > 0) return "";
  if (result.status === "error") return "the policy could not load or run; no reason was recorded (see the run's diagnostics)";
  if (result.status === "failed" || result.status === "fail") return "failed; no violation details were recorded";
  return "";
}

/** What the policy floor (a file outside the repository) decided, and the loosenings it refused. */
function floorNotes(result: { floor?: { applied: string[]; refused?: string[] } }): string[] {
  const applied = result.floor?.applied ?? [];
  const from = applied.length > 0 ? [`from the policy floor: ${applied.map((item) => item.replace(/^params\./, "")).join(", ")}`] : [];
  return [...from, ...(result.floor?.refused ?? []).map((item) => `refused: ${item}`)];
}

export function policySection(stack: StackStatus, stackId: string): SafeHtml {
  const id = `${stackId}-policy`;
  const policy = stack.policy;
  if (!policy || policy.results.length === 0) return html`<h3 id="${id}">Policy</h3><p>No policy results yet.</p>`;
  return html`<h3 id="${id}">Policy</h3>
  <table class="policy" aria-labelledby="${id}">
    <caption>From run #${policy.runId}</caption>
    <thead><tr><th scope="col">Policy</th><th scope="col">Level</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
    <tbody>${policy.results.map((result) => html`<tr>
      <th scope="row"><code>${result.policy}</code></th><td>${result.level}${result.floor ? html` <small>(floor${result.floor.level ? `: at least ${result.floor.level}` : ""})</small>` : ""}</td><td>${badge(result.status)}</td>
      <td>${result.message ? (result.status === "error" ? html`<p class="error-text">${result.message}</p>` : html`<p>${result.message}</p>`) : ""}${missingReason(result)}${floorNotes(result).map((note) => html`<p>${note}</p>`)}${(result.violations ?? []).length > 0
        ? html`<details open><summary>${(result.violations ?? []).length} violation${(result.violations ?? []).length === 1 ? "" : "s"}</summary><ul class="violations">${(result.violations ?? []).map(violationItem)}</ul></details>` : ""}</td>
    </tr>`)}</tbody>
  </table>`;
}
