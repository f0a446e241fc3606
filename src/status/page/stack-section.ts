// One stack: its applied commit, last run and schedule, drift, policy results and recent runs.
import type { StackStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { driftSection } from "./drift-section.ts";
import { formatDuration, shortSha } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { inventorySection } from "./inventory-section.ts";
import { policySection } from "./policy-section.ts";
import { runsSection } from "./runs-section.ts";
import { slug, timeTag } from "./time-tag.ts";
import { timelineSection } from "./timeline-section.ts";

function appliedCommit(stack: StackStatus, now: Date): SafeHtml {
  const commit = stack.appliedCommit;
  if (!commit) return html`<dd>nothing applied yet</dd>`;
  return html`<dd><code title="${commit.sha}">${shortSha(commit.sha)}</code> <q class="commit-message">${(commit.message ?? "").split("\n")[0]}</q>
    by <span class="author">${commit.author ?? "unknown"}</span>, applied ${timeTag(commit.appliedAt, now)}</dd>`;
}

function lastRun(stack: StackStatus, now: Date): SafeHtml {
  const run = stack.lastRun;
  if (!run) return html`<dd>no run yet</dd>`;
  return html`<dd>${badge(run.result)} ${run.kind} run #${run.id}, took ${formatDuration(run.durationMs)}, finished ${timeTag(run.finishedAt, now)}
    ${run.error ? html`<div class="error-text">${run.error}</div>` : ""}</dd>`;
}

function nextChecks(stack: StackStatus, now: Date): SafeHtml {
  if (stack.nextChecks.length === 0) return html`<dd>none scheduled</dd>`;
  return html`<dd>${stack.nextChecks.map((check, index) => html`${index > 0 ? ", " : ""}${check.kind} ${timeTag(check.at, now)}`)}</dd>`;
}

export function stackSection(stack: StackStatus, now: Date): SafeHtml {
  const id = `stack-${slug(stack.name)}`;
  const driftCount = stack.drift?.resolvedByRunId === undefined ? (stack.drift?.items.length ?? 0) : 0;
  return html`<section class="stack" id="${id}" aria-labelledby="${id}-title">
  <h2 id="${id}-title">Stack <span class="name">${stack.name}</span>
    ${driftCount > 0 ? badge("drift", `${driftCount} drifted`) : ""}</h2>
  <dl class="facts">
    <div><dt>State</dt><dd>${badge(stack.health.state)}${stack.health.reason ? html` <span class="${stack.health.state === "drifted" ? "note" : "error-text"}">${stack.health.reason}</span>` : ""}</dd></div>
    <div><dt>Tracking</dt><dd>${stack.branch ? html`branch <code>${stack.branch}</code>` : "—"}${stack.engine ? html`, engine ${stack.engine}` : ""}</dd></div>
    <div><dt>Applied commit</dt>${appliedCommit(stack, now)}</div>
    <div><dt>Last run</dt>${lastRun(stack, now)}</div>
    ${stack.running ? html`<div><dt>Running now</dt><dd>${badge("running")} ${stack.running.kind} run #${stack.running.id}, started ${timeTag(stack.running.startedAt, now)}</dd></div>` : ""}
    <div><dt>Next check</dt>${nextChecks(stack, now)}</div>
    ${stack.queueDepth ? html`<div><dt>Queued runs</dt><dd>${stack.queueDepth}</dd></div>` : ""}
  </dl>
  ${timelineSection(stack.activity, id)}
  ${driftSection(stack, now, id)}
  ${inventorySection(stack, now, id)}
  ${policySection(stack, id)}
  ${runsSection(stack, now, id)}
</section>`;
}
