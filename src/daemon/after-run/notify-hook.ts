// Notifications (chat, webhook, email, commit status) for the run, with the stack's current settings.
import type { RunNotifier } from "../notifications.ts";
import type { StackSettings } from "../stack-settings.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function notifyHook(deps: { notify: RunNotifier; settings: StackSettings; statusUrl: string }): PostRunHook {
  return {
    name: "notify",
    afterRun: (outcome) => deps.notify(outcome, deps.settings.current(), deps.statusUrl),
  };
}
