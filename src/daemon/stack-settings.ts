// The stack's settings as the daemon last saw them. They arrive with each run's outcome (runs parse
// the stack file in their own process); until the first one, the documented defaults apply.
import { stackDefaults } from "../desired-state/stack-files.ts";
import type { StackConfig } from "../desired-state/types.ts";

export interface ScheduleSettings {
  drift: string;
  reapply?: string;
  pollSeconds: number;
}

export interface StackSettings {
  current(): StackConfig | undefined;
  /** Takes the settings of a finished run; true when the schedules they imply changed. */
  adopt(stack: StackConfig): boolean;
  schedules(): ScheduleSettings;
  engine(): string;
}

export function createStackSettings(options: { engine?: string; pollSeconds?: number }): StackSettings {
  let stack: StackConfig | undefined;
  function schedules(): ScheduleSettings {
    return {
      drift: stack?.schedules.drift ?? stackDefaults.drift_schedule,
      ...(stack?.schedules.reapply ? { reapply: stack.schedules.reapply } : {}),
      pollSeconds: options.pollSeconds ?? stack?.poll_interval ?? stackDefaults.poll_interval,
    };
  }
  return {
    current: () => stack,
    adopt(next) {
      const before = JSON.stringify(schedules());
      stack = next;
      return JSON.stringify(schedules()) !== before;
    },
    schedules,
    engine: () => options.engine ?? stack?.engine ?? stackDefaults.engine,
  };
}
