// First after every run: adopt what the run learned, so every later step (and the next run) sees
// it: the commit it fetched, and the stack settings it read (new schedules restart the stack's
// timers and may change the daemon's poll interval; the retention setting prunes the stack's history).
import type { HistoryStore } from "../../history/index.ts";
import type { CommitTracker } from "../commit-tracker.ts";
import type { ScheduleControl } from "../schedule-control.ts";
import type { StackSettings } from "../stack-settings.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export interface StateHookDeps {
  commits: CommitTracker;
  settings: StackSettings;
  schedules: ScheduleControl;
  history: HistoryStore;
  /** The stack's poll interval may have changed. */
  onSchedules(): void;
}

export function stateHook(deps: StateHookDeps): PostRunHook {
  return {
    name: "state",
    afterRun(outcome) {
      deps.commits.finished(outcome);
      const stack = outcome.stackConfig;
      if (!stack) return;
      if (deps.settings.adopt(stack)) {
        deps.schedules.apply(deps.settings.schedules());
        deps.onSchedules();
      }
      deps.history.prune({ keepDays: stack.history.retention_days, stack: outcome.stack });
    },
  };
}
