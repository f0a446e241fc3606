// A stack's last 30 days as inline SVG, drawn on the server: runs per day (failed or blocked ones
// striped on top) and, below, the most drifted resources a check found that day. No script; the
// SVG has a title and a summary, each day a tooltip, and the same figures are a table under it.
import type { DayActivity } from "../../history/types.ts";
import { html, type SafeHtml } from "./html.ts";

const width = 330;
const left = 26;
const slotTop = 8;
const runsHeight = 78;
const driftTop = 104;
const driftHeight = 22;
const labelY = 146;

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayLabel(day: string): string {
  const [, month, date] = day.split("-");
  return `${Number(date)} ${months[Number(month) - 1] ?? month}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function dayText(day: DayActivity): string {
  const drift = day.driftChecks === 0 ? "no drift check" : day.drift === 0 ? "no drift" : `${plural(day.drift, "resource")} drifted`;
  return `${dayLabel(day.day)}: ${plural(day.runs, "run")}, ${day.failures} failed or blocked, ${drift}`;
}

/** One sentence for the SVG's <desc> and for screen readers. */
export function timelineSummary(days: DayActivity[]): string {
  if (days.length === 0) return "No days to show.";
  const runs = days.reduce((sum, day) => sum + day.runs, 0);
  const failures = days.reduce((sum, day) => sum + day.failures, 0);
  const failDays = days.filter((day) => day.failures > 0).length;
  const driftDays = days.filter((day) => day.drift > 0);
  const worst = Math.max(0, ...driftDays.map((day) => day.drift));
  const range = `From ${dayLabel(days[0]!.day)} to ${dayLabel(days.at(-1)!.day)} (UTC)`;
  const failed = failures === 0 ? "none failed" : `${failures} failed or blocked, on ${plural(failDays, "day")}`;
  const drift = driftDays.length === 0 ? "no drift found" : `drift found on ${plural(driftDays.length, "day")}, at most ${plural(worst, "resource")}`;
  return `${range}: ${plural(runs, "run")}, ${failed}; ${drift}.`;
}

function bars(days: DayActivity[], hatch: string): SafeHtml[] {
  const slot = (width - left) / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const maxRuns = Math.max(1, ...days.map((day) => day.runs));
  const maxDrift = Math.max(1, ...days.map((day) => day.drift));
  const y = (value: number, max: number, height: number) => (value / max) * height;
  return days.map((day, index) => {
    const x = (left + index * slot + (slot - barWidth) / 2).toFixed(1);
    const failed = y(day.failures, maxRuns, runsHeight);
    const total = y(day.runs, maxRuns, runsHeight);
    const base = slotTop + runsHeight;
    const drift = y(day.drift, maxDrift, driftHeight);
    return html`<g class="day" data-day="${day.day}" data-runs="${day.runs}" data-failures="${day.failures}" data-drift="${day.drift}"><title>${dayText(day)}</title>
<rect class="hit" x="${(left + index * slot).toFixed(1)}" y="${slotTop}" width="${slot.toFixed(1)}" height="${driftTop + driftHeight - slotTop}"/>
${day.runs > day.failures ? html`<rect class="runs" x="${x}" y="${(base - total).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(total - failed).toFixed(1)}"/>` : ""}
${day.failures > 0 ? html`<rect class="failures" fill="url(#${hatch})" x="${x}" y="${(base - failed).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${failed.toFixed(1)}"/>` : ""}
${day.drift > 0 ? html`<rect class="drift" x="${x}" y="${(driftTop + driftHeight - drift).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${drift.toFixed(1)}"/>` : ""}
${day.driftChecks > 0 && day.drift === 0 ? html`<rect class="checked" x="${x}" y="${driftTop + driftHeight - 1.5}" width="${barWidth.toFixed(1)}" height="1.5"/>` : ""}
</g>`;
  });
}

function axes(days: DayActivity[]): SafeHtml {
  const slot = (width - left) / days.length;
  const maxRuns = Math.max(1, ...days.map((day) => day.runs));
  const maxDrift = Math.max(0, ...days.map((day) => day.drift));
  const ticks = days.map((day, index) => ({ day, index })).filter(({ index }) => (days.length - 1 - index) % 7 === 0);
  return html`<line class="axis" x1="${left}" x2="${width}" y1="${slotTop + runsHeight + 0.5}" y2="${slotTop + runsHeight + 0.5}"/>
<line class="axis" x1="${left}" x2="${width}" y1="${driftTop + driftHeight + 0.5}" y2="${driftTop + driftHeight + 0.5}"/>
<text class="label" x="${left - 4}" y="${slotTop + 8}" text-anchor="end">${maxRuns}</text>
<text class="label" x="${left - 4}" y="${slotTop + runsHeight}" text-anchor="end">0</text>
<text class="label" x="${left}" y="${driftTop - 4}">drifted${maxDrift > 0 ? ` (max ${maxDrift})` : ""}</text>
${ticks.map(({ day, index }) => html`<text class="label" x="${index === days.length - 1 ? width : (left + (index + 0.5) * slot).toFixed(1)}" y="${labelY}" text-anchor="${index === days.length - 1 ? "end" : "middle"}">${dayLabel(day.day)}</text>`)}`;
}

function table(days: DayActivity[], id: string): SafeHtml {
  return html`<details class="timeline-table"><summary>The ${days.length} days as a table</summary>
  <table aria-labelledby="${id}">
    <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Runs</th><th scope="col">Failed or blocked</th><th scope="col">Drifted (max)</th></tr></thead>
    <tbody>${[...days].reverse().map((day) => html`<tr><th scope="row"><time datetime="${day.day}">${day.day}</time></th><td>${day.runs}</td><td>${day.failures}</td>
      <td>${day.driftChecks === 0 ? "no check" : day.drift}</td></tr>`)}</tbody>
  </table></details>`;
}

export function timelineSection(days: DayActivity[], stackId: string): SafeHtml {
  const id = `${stackId}-timeline`;
  if (days.length === 0) return html`<h3 id="${id}">Last days</h3><p>No history yet.</p>`;
  const hatch = `${id}-hatch`;
  return html`<h3 id="${id}">Last ${days.length} days</h3>
  <figure class="timeline">
  <svg class="timeline" viewBox="0 0 ${width} 152" role="img" aria-labelledby="${id}-svg-title ${id}-svg-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-svg-title">Runs, failures and drift per day, last ${days.length} days</title>
<desc id="${id}-svg-desc">${timelineSummary(days)}</desc>
<defs><pattern id="${hatch}" class="hatch" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)"><rect class="hatch-bg" width="4" height="4"/><rect class="hatch-line" width="2" height="4"/></pattern></defs>
${axes(days)}
${bars(days, hatch)}
  </svg>
  <figcaption class="legend"><span class="key key-runs" aria-hidden="true"></span> runs <span class="key key-failures" aria-hidden="true"></span> failed or blocked (striped)
    <span class="key key-drift" aria-hidden="true"></span> drifted resources <span class="note">— ${timelineSummary(days)}</span></figcaption>
  </figure>
  ${table(days, id)}`;
}
