// The one place where a run's outcome fans out, in dependency order:
// Each stack has its own list (its settings, schedules, queue and notifier); history, metrics, the
// page and live events are shared by all stacks.
//   state        - adopt the commit and stack settings the run read (everything below reads them)
//   metrics      - /metrics
//   certificates - start a background expiry check (rebuilds the page when done)
//   page         - fresh status model, static site written
//   live event   - open pages reload (after the model is fresh)
//   notify       - chat, webhook, email, commit status (may be slow; after the local surfaces)
//   remediation  - queue an apply that reverts drift (last: it starts the next run)
import type { Logger } from "pino";
import type { HistoryStore } from "../../history/index.ts";
import type { EventHub } from "../../status/event-stream.ts";
import type { Metrics } from "../../status/metrics.ts";
import type { CertificateWatch } from "../certificate-watch.ts";
import type { CommitTracker } from "../commit-tracker.ts";
import type { RunNotifier } from "../notifications.ts";
import type { RunQueue } from "../run-queue.ts";
import type { ScheduleControl } from "../schedule-control.ts";
import type { StackSettings } from "../stack-settings.ts";
import type { StatusCache } from "../status-cache.ts";
import { certificatesHook } from "./certificates-hook.ts";
import { liveEventHook } from "./live-event-hook.ts";
import { metricsHook } from "./metrics-hook.ts";
import { notifyHook } from "./notify-hook.ts";
import { pageHook } from "./page-hook.ts";
import type { PostRunHook } from "./post-run-hook.ts";
import { remediationHook } from "./remediation-hook.ts";
import { stateHook } from "./state-hook.ts";

export interface PostRunDeps {
  commits: CommitTracker;
  /** The stack's poll interval may have changed (polling is shared by all stacks). */
  onSchedules(): void;
  settings: StackSettings;
  schedules: ScheduleControl;
  history: HistoryStore;
  metrics: Metrics;
  certificates: CertificateWatch;
  cache: StatusCache;
  events: EventHub;
  notify: RunNotifier;
  queue: RunQueue;
  dataDir: string;
  statusUrl: string;
  log: Logger;
}

export function postRunHooks(deps: PostRunDeps): PostRunHook[] {
  return [
    stateHook(deps),
    metricsHook(deps.metrics),
    certificatesHook(deps.certificates, deps.cache),
    pageHook(deps),
    liveEventHook(deps.events),
    notifyHook(deps),
    remediationHook(deps),
  ];
}

export { runPostRunHooks, type PostRunHook } from "./post-run-hook.ts";
export { writeSite } from "./page-hook.ts";
