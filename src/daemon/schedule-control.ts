// Keeps a stack's cron triggers (schedules.ts) in step with its settings: restarted when a run brings
// new ones, and stopped for good at shutdown or when the stack goes away (a run that ends then must
// not bring them back).
import type { Schedules } from "./schedules.ts";
import { startSchedules, type ScheduleOptions } from "./schedules.ts";

export interface CronSettings {
  drift: string;
  reapply?: string;
}

export interface ScheduleControl {
  /** (Re)starts the schedules with these settings; a no-op once stopped. */
  apply(settings: CronSettings): void;
  nextDriftCheck(): Date | undefined;
  stop(): void;
}

export function createScheduleControl(triggers: Pick<ScheduleOptions, "enqueue">): ScheduleControl {
  let schedules: Schedules | undefined;
  let stopped = false;
  return {
    apply(settings) {
      if (stopped) return;
      schedules?.stop();
      schedules = startSchedules({ ...triggers, drift: settings.drift, ...(settings.reapply ? { reapply: settings.reapply } : {}) });
    },
    nextDriftCheck: () => schedules?.nextDriftCheck(),
    stop() {
      stopped = true;
      schedules?.stop();
    },
  };
}
