// A stack's time-based triggers (node-cron): the drift check and the optional full re-apply. Git
// polling is the daemon's, shared by every stack (poller.ts).
import { schedule, validate, type ScheduledTask } from "node-cron";
import { ConfigError } from "../shared/errors.ts";
import type { DaemonRunKind, Trigger } from "./run-queue.ts";

export interface ScheduleOptions {
  drift: string;
  reapply?: string;
  enqueue(kind: DaemonRunKind, trigger: Trigger): void;
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
  return {
    nextDriftCheck: () => tasks[0]?.getNextRun() ?? undefined,
    stop() {
      for (const task of tasks) void task.destroy();
    },
  };
}
