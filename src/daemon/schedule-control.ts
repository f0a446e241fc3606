// Keeps the time-based triggers (schedules.ts) in step with the stack's settings: restarted when a
// run brings new settings, and stopped for good at shutdown (a run that ends during shutdown must
// not bring them back).
import type { ScheduleOptions, Schedules } from "./schedules.ts";
import { startSchedules } from "./schedules.ts";
import type { ScheduleSettings } from "./stack-settings.ts";

export interface ScheduleControl {
  /** (Re)starts the schedules with these settings; a no-op once stopped. */
  apply(settings: ScheduleSettings): void;
  nextDriftCheck(): Date | undefined;
  stop(): void;
}

export function createScheduleControl(triggers: Omit<ScheduleOptions, keyof ScheduleSettings>): ScheduleControl {
  let schedules: Schedules | undefined;
  let stopped = false;
  return {
    apply(settings) {
      if (stopped) return;
      schedules?.stop();
      schedules = startSchedules({ ...triggers, ...settings });
    },
    nextDriftCheck: () => schedules?.nextDriftCheck(),
    stop() {
      stopped = true;
      schedules?.stop();
    },
  };
}
