// Tells open status pages (server-sent events) that a run ended, after the page model is fresh.
import type { EventHub } from "../../status/event-stream.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function liveEventHook(events: EventHub): PostRunHook {
  return {
    name: "live-event",
    afterRun(outcome) {
      events.broadcast({ type: "run", data: { id: outcome.runId, result: outcome.result, kind: outcome.kind, stack: outcome.stack } });
    },
  };
}
