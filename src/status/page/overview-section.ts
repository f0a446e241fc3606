// First on the page: every stack in one table (its state, and why when it is unhealthy, its last
// run, drift and next check), each linking to its own section below; and the tracked branch, with
// the last fetch that failed.
import type { HistoryWriteStatus, SourceStatus, StackStatus, StatusModel } from "../model.ts";
import { badge } from "./badges.ts";
import { shortSha } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { slug, timeTag } from "./time-tag.ts";

function sourceLine(source: SourceStatus | undefined, now: Date): SafeHtml | string {
  if (!source) return "";
  const head = source.head ? html` at <code title="${source.head}">${shortSha(source.head)}</code>, fetched ${timeTag(source.fetchedAt, now)}` : "";
  const problem = source.error ? html`<p class="error-text" role="alert">Could not fetch the repository (${timeTag(source.errorAt, now)}): ${source.error}</p>` : "";
  return html`<p class="note">Tracking branch <code>${source.branch}</code>${head}.</p>${problem}`;
}

function historyLine(history: HistoryWriteStatus | undefined, now: Date): SafeHtml | string {
  if (!history) return "";
  const waiting = history.pendingEnds > 0 ? html` ${history.pendingEnds} finished run${history.pendingEnds === 1 ? " is" : "s are"} waiting to be recorded.` : "";
  return html`<p class="error-text" role="alert">Could not write the run history (${timeTag(history.errorAt, now)}): ${history.error}. Runs that cannot be recorded do not start; they are tried again.${waiting}</p>`;
}

function stateCell(stack: StackStatus): SafeHtml {
  const { state, reason } = stack.health;
  const why = reason === undefined ? "" : html`<div class="${state === "drifted" ? "note" : "error-text"}">${reason}</div>`;
  return html`<td>${badge(state)}${why}</td>`;
}

function lastRunCell(stack: StackStatus, now: Date): SafeHtml {
  const run = stack.running ?? stack.lastRun;
  if (!run) return html`<td>none yet</td>`;
  return html`<td>${badge(run.result)} ${run.kind} #${run.id}, ${stack.running ? html`started ${timeTag(run.startedAt, now)}` : timeTag(run.finishedAt, now)}</td>`;
}

function driftCell(stack: StackStatus): SafeHtml {
  if (!stack.drift) return html`<td>not checked yet</td>`;
  const count = stack.drift.resolvedByRunId === undefined ? stack.drift.items.length : 0;
  return html`<td>${count > 0 ? badge("drift", `${count} drifted`) : badge("in sync", "none")}</td>`;
}

function nextCell(stack: StackStatus, now: Date): SafeHtml {
  const next = stack.nextChecks[0];
  return html`<td>${next ? html`${next.kind} ${timeTag(next.at, now)}` : "none scheduled"}${stack.queueDepth ? html`, ${stack.queueDepth} queued` : ""}</td>`;
}

export function overviewSection(model: StatusModel, now: Date): SafeHtml {
  const rows = model.stacks.map((stack) => html`<tr data-stack="${stack.name}" data-state="${stack.health.state}">
    <th scope="row"><a href="#stack-${slug(stack.name)}">${stack.name}</a></th>${stateCell(stack)}${lastRunCell(stack, now)}${driftCell(stack)}${nextCell(stack, now)}</tr>`);
  const table = model.stacks.length === 0 ? html`<p>No stacks yet: the daemon has not read the repository.</p>` : html`<table class="overview" aria-labelledby="overview-title">
    <thead><tr><th scope="col">Stack</th><th scope="col">State</th><th scope="col">Last run</th><th scope="col">Drift</th><th scope="col">Next check</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
  return html`<section class="overview" aria-labelledby="overview-title"><h2 id="overview-title">Stacks</h2>${sourceLine(model.source, now)}${historyLine(model.history, now)}${table}</section>`;
}
