// First after every run: adopt what the run learned, so every later step (and the next run) sees
// it: the commit it fetched, and the stack settings it read (new schedules restart the timers; the
// retention setting prunes history).
import type { HistoryStore } from "../../history/index.ts";
import type { CommitTracker } from "../commit-tracker.ts";
import type { ScheduleControl } from "../schedule-control.ts";
import type { StackSettings } from "../stack-settings.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function stateHook(deps: { commits: CommitTracker; settings: StackSettings; schedules: ScheduleControl; history: HistoryStore }): PostRunHook {
  return {
    name: "state",
    afterRun(outcome) {
      deps.commits.finished(outcome);
      const stack = outcome.stackConfig;
      if (!stack) return;
      if (deps.settings.adopt(stack)) deps.schedules.apply(deps.settings.schedules());
      deps.history.prune({ keepDays: stack.history.retention_days });
    },
  };
}
