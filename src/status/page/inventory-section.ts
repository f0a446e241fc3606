// Per zone: how many resources of each kind cf-gitops manages, and when the zone last changed.
// Counts: what git declared at the newest successful apply (recorded with that run, so what is in
// Cloudflare now). Last change: the newest apply with an applied change in the zone, from history
// (kept for the retention period). See model.ts inventory().
import type { StackStatus } from "../model.ts";
import { shortSha } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { timeTag } from "./time-tag.ts";

type Zone = StackStatus["inventory"]["zones"][number];

function lastChange(zone: Zone, now: Date): SafeHtml {
  const change = zone.lastChange;
  if (!change) return html`<td>no applied change within retention</td>`;
  return html`<td>${timeTag(change.at, now)}, run #${change.runId}${change.commit ? html` at <code title="${change.commit}">${shortSha(change.commit)}</code>` : ""}${change.author ? html` by <span class="author">${change.author}</span>` : ""}</td>`;
}

export function inventorySection(stack: StackStatus, now: Date, stackId: string): SafeHtml {
  const id = `${stackId}-inventory`;
  const { zones, runId, commit } = stack.inventory;
  if (zones.length === 0) return html`<h3 id="${id}">Inventory</h3><p>No successful apply has recorded an inventory yet.</p>`;
  const source = runId === undefined ? "no successful apply recorded counts yet"
    : html`as declared in git at the last successful apply (run #${runId}${commit ? html`, <code title="${commit}">${shortSha(commit)}</code>` : ""})`;
  return html`<h3 id="${id}">Inventory</h3>
  <table class="inventory" aria-labelledby="${id}">
    <caption>Managed resources per zone, ${source}</caption>
    <thead><tr><th scope="col">Zone</th><th scope="col">Resources by kind</th><th scope="col">Total</th><th scope="col">Last changed</th></tr></thead>
    <tbody>${zones.map((zone) => html`<tr data-zone="${zone.zone}"><th scope="row">${zone.zone === "account" ? html`<span class="note">account</span>` : html`<code>${zone.zone}</code>`}</th>
      <td>${zone.counts.length === 0 ? "none declared" : html`<ul class="counts">${zone.counts.map((count) => html`<li data-kind="${count.kind}"><span class="kind">${count.kind}</span> <strong>${count.count}</strong></li>`)}</ul>`}</td>
      <td>${zone.total}</td>${lastChange(zone, now)}</tr>`)}</tbody>
  </table>`;
}
