// Turns run outcomes into notification events (failure, blocked, drift found, drift resolved,
// applied for the commit status) and hands them to the channels the stack's `notify:` section
// turns on. Which channels are on is decided by the channels themselves (src/notify/channels.ts).
import type { Logger } from "pino";
import type { StackConfig } from "../desired-state/types.ts";
import type { DedupeStore } from "../notify/dedupe.ts";
import { createDaemonNotifications } from "../notify/setup.ts";
import type { NotifyEvent } from "../notify/types.ts";
import type { RunOutcome } from "./run-types.ts";

type Dispatch = (event: NotifyEvent) => Promise<unknown>;

/** The events one finished run announces, in order. */
export function eventsFor(outcome: RunOutcome, statusUrl?: string): NotifyEvent[] {
  const base = {
    stack: outcome.stack,
    runKind: outcome.kind,
    runId: outcome.runId,
    branch: outcome.branch,
    ...(outcome.commit ? { commit: outcome.commit.sha } : {}),
    ...(statusUrl ? { url: statusUrl } : {}),
  };
  if (outcome.result === "failure") return [{ ...base, kind: "failure", summary: outcome.error ?? "the run failed" }];
  if (outcome.result === "blocked") {
    const policies = [...new Set(outcome.policy?.violations.filter((v) => v.level === "mandatory").map((v) => v.policy) ?? [])];
    return [{ ...base, kind: "blocked", summary: outcome.error ?? "blocked by policy", policies, changes: outcome.plan?.changes ?? [] }];
  }
  if (outcome.result !== "success") return [];
  if (outcome.kind === "drift") {
    const drift = outcome.drift ?? [];
    return drift.length > 0
      ? [{ ...base, kind: "drift-found", summary: `${drift.length} resource(s) differ from git`, changes: drift, ...(outcome.plan?.attribution?.note ? { attributionNote: outcome.plan.attribution.note } : {}) }]
      : [{ ...base, kind: "drift-resolved", summary: "live configuration matches git again" }];
  }
  // A successful apply makes live equal to git: announce it and resolve any open drift.
  return [
    { ...base, kind: "applied", summary: `${outcome.plan?.changes.length ?? 0} change(s) applied` },
    { ...base, kind: "drift-resolved", summary: "applied: live configuration matches git" },
  ];
}

export interface RunNotifierOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: Logger;
  repoUrl: string;
  /** What was announced, shared by every stack's notifier (one file, one writer). */
  store?: DedupeStore;
}

export type RunNotifier = (outcome: RunOutcome, stack: StackConfig | undefined, statusUrl?: string) => Promise<void>;

/** Channels are set up again only when the stack's `notify:` section changes. */
export function createRunNotifier(options: RunNotifierOptions): RunNotifier {
  let current: { key: string; dispatch: Dispatch | undefined } | undefined;

  function dispatcherFor(stack: StackConfig): Dispatch | undefined {
    const key = JSON.stringify(stack.notify);
    if (current?.key === key) return current.dispatch;
    const setup = createDaemonNotifications({ stack, env: options.env, dataDir: options.dataDir, log: options.log, repoUrl: options.repoUrl, ...(options.store ? { store: options.store } : {}) });
    for (const warning of setup.warnings) options.log.warn({ warning }, "notifications");
    if (setup.channels.length > 0) options.log.info({ channels: setup.channels }, "notifications on");
    const dispatch: Dispatch | undefined = setup.channels.length > 0 ? (event) => setup.dispatcher.notify(event) : undefined;
    current = { key, dispatch };
    return dispatch;
  }

  return async function notify(outcome, stack, statusUrl) {
    if (!stack) return;
    const dispatch = dispatcherFor(stack);
    if (!dispatch) return;
    for (const event of eventsFor(outcome, statusUrl)) await dispatch(event);
  };
}
