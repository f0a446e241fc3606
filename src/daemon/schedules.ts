// Time-based triggers: the drift schedule, the optional full re-apply (node-cron), and git polling.
import { schedule, validate, type ScheduledTask } from "node-cron";
import { ConfigError } from "../shared/errors.ts";
import type { DaemonRunKind, Trigger } from "./run-queue.ts";

export interface ScheduleOptions {
  drift: string;
  reapply?: string;
  pollSeconds: number;
  /** Called on every poll tick; resolves to the branch head when the branch moved, else undefined. */
  pollHead(): Promise<string | undefined>;
  enqueue(kind: DaemonRunKind, trigger: Trigger, commit?: string): void;
  onPollError(error: unknown): void;
}

export interface Schedules {
  nextDriftCheck(): Date | undefined;
  stop(): void;
}

export function assertCron(expression: string, field: string): void {
  if (!validate(expression)) {
    throw new ConfigError(`${field} is not a valid cron expression: "${expression}"`, {
      hint: 'use five fields, for example "*/15 * * * *" for every 15 minutes',
    });
  }
}

export function startSchedules(options: ScheduleOptions): Schedules {
  assertCron(options.drift, "schedules.drift");
  if (options.reapply) assertCron(options.reapply, "schedules.reapply");
  const tasks: ScheduledTask[] = [schedule(options.drift, () => options.enqueue("drift", "schedule"), { name: "drift", noOverlap: true })];
  if (options.reapply) tasks.push(schedule(options.reapply, () => options.enqueue("apply", "schedule"), { name: "reapply", noOverlap: true }));

  let polling = false;
  const pollTimer = setInterval(() => {
    if (polling) return;
    polling = true;
    options
      .pollHead()
      .then((head) => head && options.enqueue("apply", "poll", head))
      .catch(options.onPollError)
      .finally(() => (polling = false));
  }, options.pollSeconds * 1000);
  pollTimer.unref();

  return {
    nextDriftCheck: () => tasks[0]?.getNextRun() ?? undefined,
    stop() {
      clearInterval(pollTimer);
      for (const task of tasks) void task.destroy();
    },
  };
}
