// Policy results of the newest run that evaluated policies.
import type { StackStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { formatValue } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

function violationText(violation: unknown): string {
  if (violation && typeof violation === "object" && "message" in violation) return String((violation as { message: unknown }).message);
  return formatValue(violation);
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
      <td>${result.message ?? ""}${floorNotes(result).map((note) => html`<p>${note}</p>`)}${(result.violations ?? []).length > 0
        ? html`<ul>${(result.violations ?? []).map((violation) => html`<li>${violationText(violation)}</li>`)}</ul>` : ""}</td>
    </tr>`)}</tbody>
  </table>`;
}
