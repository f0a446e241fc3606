// Drift per zone and resource, field by field: what Cloudflare has (live) next to what git says.
import type { DriftItemRecord } from "../../history/types.ts";
import type { StackStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { fieldOf, formatValue } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { timeTag } from "./time-tag.ts";

const whole = new Set(["create", "delete", "replace"]);

/** Who last changed the object, from the account's audit log; a dash when no entry names it. */
function changedByCell(item: DriftItemRecord, rows: number, now: Date): SafeHtml {
  const by = item.changedBy;
  if (!by) return html`<td class="changed-by" rowspan="${rows}"><span class="note">—</span></td>`;
  return html`<td class="changed-by" rowspan="${rows}">${by.actor}<br><span class="note">via ${by.via} ${timeTag(by.at, now)}${by.ip ? html`<br>from ${by.ip}` : ""}</span></td>`;
}

function itemRows(item: DriftItemRecord, now: Date): SafeHtml[] {
  // A missing or extra resource has no field-level pairing: show the whole value once.
  const fields = whole.has(item.op) || item.fields.length === 0 ? ["(resource)"] : item.fields;
  return fields.map((field, index) => {
    const live = field === "(resource)" ? item.before : fieldOf(item.before, field);
    const git = field === "(resource)" ? item.after : fieldOf(item.after, field);
    const head = index === 0
      ? html`<th scope="rowgroup" rowspan="${fields.length}"><span class="kind">${item.kind}</span><br><code>${item.id}</code></th>
        <td rowspan="${fields.length}">${badge("drift", item.op === "create" ? "missing in Cloudflare" : item.op === "delete" ? "not in git" : "changed")}</td>${changedByCell(item, fields.length, now)}`
      : "";
    return html`<tr class="drift-row">${head}<td><code>${field}</code></td><td class="live"><code>${formatValue(live)}</code></td><td class="git"><code>${formatValue(git)}</code></td></tr>`;
  });
}

function zoneTable(zone: string, items: DriftItemRecord[], id: string, now: Date): SafeHtml {
  return html`<table class="drift" aria-describedby="${id}">
    <caption>${zone} — ${items.length} drifted resource${items.length === 1 ? "" : "s"}</caption>
    <thead><tr><th scope="col">Resource</th><th scope="col">Drift</th><th scope="col">Changed by</th><th scope="col">Field</th><th scope="col">Live in Cloudflare</th><th scope="col">In git</th></tr></thead>
    ${items.map((item) => html`<tbody>${itemRows(item, now)}</tbody>`)}
  </table>`;
}

export function driftSection(stack: StackStatus, now: Date, stackId: string): SafeHtml {
  const id = `${stackId}-drift`;
  const drift = stack.drift;
  if (!drift) return html`<h3 id="${id}">Drift</h3><p>No drift check has run yet.</p>`;
  const checked = html`<p class="note">Checked ${timeTag(drift.checkedAt, now)} (run #${drift.runId}).</p>`;
  if (drift.items.length === 0) return html`<h3 id="${id}">Drift</h3><p>${badge("in sync", "no drift")} Cloudflare matches git.</p>${checked}`;
  const byZone = new Map<string, DriftItemRecord[]>();
  for (const item of drift.items) byZone.set(item.zone ?? "account", [...(byZone.get(item.zone ?? "account") ?? []), item]);
  const resolved = drift.resolvedByRunId === undefined ? ""
    : html`<p>${badge("in sync", "resolved")} Apply run #${drift.resolvedByRunId} finished after this check and made Cloudflare match git; the next check confirms it.</p>`;
  // Said once per report: why no one is named (the token cannot read the audit log), or that it was cut.
  const note = drift.attribution?.note ? html`<p class="note attribution-note">Note: ${drift.attribution.note}</p>` : "";
  return html`<h3 id="${id}">Drift</h3>${checked}${resolved}${note}
    <div class="drift-zones${drift.resolvedByRunId === undefined ? "" : " resolved"}">${[...byZone].map(([zone, items]) => zoneTable(zone, items, id, now))}</div>`;
}
